package org.lethe.sketch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.exec.JobEnvironment;
import org.lethe.exec.JobRunner;
import org.lethe.nn.Module;
import org.lethe.tensor.Parallel;
import org.lethe.tensor.Series;

/**
 * A sketch of a training run that predicts measurements of the model retrained without any subset D of the
 * training examples, without retraining (Gunn, "How to sketch a learning algorithm", 2026).
 *
 * <p><b>Build.</b> For each of m directions {@code psi_j} ({@link SketchDirection}, regenerated from the seed), the
 * whole training runs once in the {@link Series} algebra of order k with example {@code i}'s loss multiplied by
 * {@code 1 - psi_ji z}; the trained parameters are series whose coefficients are the Taylor coefficients of the
 * training outcome along {@code psi_j}. Directions are independent and train in parallel; each direction's result
 * depends only on {@code (seed, j)}, never on the thread count.
 *
 * <p><b>Predict.</b> A measurement evaluated on direction j's parameters gives coefficients {@code c_0 .. c_k}; the
 * {@link SketchEstimator} turns them, with {@code s = sum_{i in D} conj(psi_ji)}, into an unbiased estimate of the
 * measurement's Taylor terms at {@code w 1_D}, averaged over directions.
 *
 * <p><b>Files.</b> A sketch directory holds {@code sketch.json} (sizes, seed, the training's description and the
 * coefficients of the measurements named at build time, per direction) and, unless parameters were not kept,
 * {@code directions/direction-<j>.safetensors} with the trained series parameters, one F64 tensor per coefficient
 * plane ({@code <parameter>.z<r>.re} and {@code .im}), so that any measurement can be evaluated later.
 */
public final class DeletionSketch {
    /** The format tag of {@code sketch.json}. */
    public static final String FORMAT = "lethe.sketch.v1";
    /** The index file in a sketch directory. */
    public static final String INDEX_FILE = "sketch.json";
    /** The subdirectory of per-direction parameter files. */
    public static final String DIRECTIONS_DIR = "directions";

    private final int examples;
    private final int order;
    private final int directions;
    private final long seed;
    private final Map<String, TaylorSeries[]> measurements;
    private final SketchSource source;
    private final Path dir;
    private final boolean hasParameters;
    private final double buildSeconds;
    private final double[] directionSeconds;

    DeletionSketch(int examples, int order, int directions, long seed, Map<String, TaylorSeries[]> measurements,
                           SketchSource source, Path dir, boolean hasParameters, double buildSeconds,
                           double[] directionSeconds) {
        this.examples = examples;
        this.order = order;
        this.directions = directions;
        this.seed = seed;
        this.measurements = measurements;
        this.source = source;
        this.dir = dir;
        this.hasParameters = hasParameters;
        this.buildSeconds = buildSeconds;
        this.directionSeconds = directionSeconds;
    }

    /** Options for building a sketch of {@code training}. */
    public static Builder builder(WeightedTraining training) {
        return new Builder(training);
    }

    // ---------------------------------------------------------------- accessors

    /** The number of training examples n. */
    public int exampleCount() {
        return examples;
    }

    /** The truncation order k. */
    public int order() {
        return order;
    }

    /** The number of directions m. */
    public int directionCount() {
        return directions;
    }

    public long seed() {
        return seed;
    }

    /** The names of the measurements whose coefficients the index holds. */
    public List<String> measurementNames() {
        return List.copyOf(measurements.keySet());
    }

    /** The description of the sketched training given at build time. */
    public SketchSource source() {
        return source;
    }

    /** The sketch directory, or null for a sketch kept in memory. */
    public Path directory() {
        return dir;
    }

    /** Whether per-direction parameters are stored, so that new measurements can be evaluated. */
    public boolean hasParameters() {
        return hasParameters;
    }

    /** Wall-clock seconds the build took. */
    public double buildSeconds() {
        return buildSeconds;
    }

    /** Wall-clock seconds each direction's training took (in its worker thread; empty if not recorded). */
    public double[] directionSeconds() {
        return directionSeconds.clone();
    }

    /** Direction {@code j} of this sketch. */
    public SketchDirection direction(int j) {
        requireDirection(j);
        return SketchDirection.of(seed, j, examples);
    }

    private void requireDirection(int j) {
        if (j < 0 || j >= directions) {
            throw new IndexOutOfBoundsException("direction " + j + " outside the sketch's " + directions);
        }
    }

    // ---------------------------------------------------------------- coefficients and prediction

    /** The stored coefficients of a measurement named at build time, one series per direction. */
    public TaylorSeries[] coefficients(String measurement) {
        TaylorSeries[] c = measurements.get(measurement);
        if (c == null) {
            throw new IllegalArgumentException("the sketch has no coefficients for measurement '" + measurement
                    + "' (it has " + measurements.keySet() + "); evaluate it on the stored parameters instead");
        }
        return c.clone();
    }

    /**
     * The coefficients of {@code measurement}: the stored ones if the index has them, otherwise evaluated on every
     * direction's stored parameters (loaded into {@code training}'s model, in parallel).
     */
    public TaylorSeries[] coefficients(Measurement measurement, WeightedTraining training) throws IOException {
        return coefficients(measurement, training, null);
    }

    /** As {@link #coefficients(Measurement, WeightedTraining)}, reporting each direction evaluated to {@code listener}. */
    public TaylorSeries[] coefficients(Measurement measurement, WeightedTraining training, BuildListener listener)
            throws IOException {
        return coefficients(measurement, training, null, null, listener);
    }

    /**
     * As {@link #coefficients(Measurement, WeightedTraining, BuildListener)}, with each direction evaluated as a job
     * of {@code runner} (null: local threads). A runner in other processes needs {@code recipe}, from which they
     * rebuild the training and the measurement (by its name), and the sketch's directory on storage they read.
     */
    public TaylorSeries[] coefficients(Measurement measurement, WeightedTraining training, TrainingRecipe recipe,
                                       JobRunner runner, BuildListener listener) throws IOException {
        if (measurements.containsKey(measurement.name())) {
            return coefficients(measurement.name());
        }
        if (!hasParameters || dir == null) {
            throw new IllegalArgumentException("measurement '" + measurement.name() + "' was not evaluated at build time"
                    + " and the sketch kept no parameters to evaluate it on (it has " + measurements.keySet() + ")");
        }
        List<DirectionMeasurementJob> jobs = new ArrayList<>();
        String sketchDir = dir.toAbsolutePath().normalize().toString();
        for (int j = 0; j < directions; j++) {
            jobs.add(new DirectionMeasurementJob(sketchDir, j, recipe, measurement.name()));
        }
        JobEnvironment shared = JobEnvironment.empty().with(SketchJobs.SKETCH, this)
                .with(SketchJobs.TRAINING, training).with(SketchJobs.MEASUREMENTS, new Measurement[] {measurement});
        List<TaylorSeries> values = runner == null ? SketchJobs.run(jobs, Parallel.threads(), shared, listener)
                : SketchJobs.run(jobs, runner, shared, listener);
        return values.toArray(new TaylorSeries[0]);
    }

    /** Direction {@code j}'s trained series parameters, loaded into a fresh model of {@code training}. */
    public Module directionModel(int j, WeightedTraining training) throws IOException {
        requireDirection(j);
        if (!hasParameters || dir == null) {
            throw new IllegalStateException("the sketch kept no parameters");
        }
        Series series = Series.of(order);
        Module model = training.newModel(series);
        SketchFiles.loadParameters(dir, j, model, series);
        return model;
    }

    /** The prediction of a measurement whose coefficients the index holds. */
    public SketchPrediction predict(String measurement, int[] deleted, double w, int groups) {
        return predict(measurement, coefficients(measurement), deleted, w, groups);
    }

    /** The prediction from per-direction coefficients of a measurement (see {@link #coefficients}). */
    public SketchPrediction predict(String measurement, TaylorSeries[] coefficients, int[] deleted, double w, int groups) {
        if (coefficients.length != directions) {
            throw new IllegalArgumentException(coefficients.length + " coefficient series for a sketch of " + directions
                    + " directions");
        }
        double[][] sums = conjugateSums(deleted);
        return SketchEstimator.predict(measurement, coefficients, sums, examples, w, groups);
    }

    /** {@code s_j = sum_{i in D} conj(psi_ji)} for every direction, as {@code {re, im}}. */
    public double[][] conjugateSums(int[] deleted) {
        double[][] sums = new double[directions][];
        for (int j = 0; j < directions; j++) {
            sums[j] = direction(j).conjugateSum(deleted);
        }
        return sums;
    }

    // ---------------------------------------------------------------- exact direction

    /**
     * The oracle: one series run of order {@code order} along {@code x = z 1_D}, whose trained parameters carry the
     * exact Taylor coefficients of the training outcome in the deletion direction; evaluating a measurement on
     * them gives {@code c_r = T_r(1_D)}, and {@code sum_{r <= K} c_r w^r} is the degree-K prediction at {@code w}.
     */
    public static Module exactDirectionModel(WeightedTraining training, int[] deleted, int order,
                                             WeightedTraining.StepListener listener) {
        int n = training.exampleCount();
        double[] re = new double[n];
        for (int i : deleted) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("deleted example " + i + " outside the " + n + " training examples");
            }
            re[i] = 1.0;
        }
        return training.train(Series.of(order), LossWeights.direction(re, null), listener);
    }

    /** The exact-direction Taylor coefficients of one measurement (see {@link #exactDirectionModel}). */
    public static TaylorSeries exactDirection(WeightedTraining training, int[] deleted, int order, Measurement measurement,
                                              WeightedTraining.StepListener listener) {
        return TaylorSeries.of(measurement.evaluate(exactDirectionModel(training, deleted, order, listener)));
    }

    // ---------------------------------------------------------------- files

    /** Opens a sketch directory written by {@link Builder#build()}. */
    public static DeletionSketch open(Path dir) throws IOException {
        return SketchFiles.open(dir);
    }

    /** Progress of a build. */
    @FunctionalInterface
    public interface BuildListener {
        /** Called (from a worker thread) each time a direction finishes; {@code completed} counts them all. */
        void directionDone(int completed, int total);
    }

    /** Options of a sketch build. */
    public static final class Builder {
        private final WeightedTraining training;
        private int directions = 100;
        private int order = 3;
        private long seed;
        private int threads = Parallel.threads();
        private final List<Measurement> measures = new ArrayList<>();
        private Path output;
        private boolean keepParameters = true;
        private SketchSource source = SketchSource.NONE;
        private BuildListener listener;
        private TrainingRecipe recipe;
        private JobRunner runner;

        private Builder(WeightedTraining training) {
            this.training = training;
        }

        /** The number of directions m (default 100). */
        public Builder directions(int m) {
            if (m < 1) {
                throw new IllegalArgumentException("a sketch needs at least one direction, got " + m);
            }
            this.directions = m;
            return this;
        }

        /** The truncation order k (default 3). */
        public Builder order(int k) {
            if (k < 1 || k > 64) {
                throw new IllegalArgumentException("sketch order must be in [1, 64], got " + k);
            }
            this.order = k;
            return this;
        }

        /** The seed the directions are regenerated from (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Worker threads (default: {@link Parallel#threads()}); results do not depend on it. */
        public Builder threads(int t) {
            if (t < 1) {
                throw new IllegalArgumentException("threads must be positive, got " + t);
            }
            this.threads = t;
            return this;
        }

        /** A measurement whose coefficients are computed during the build and kept in the index. */
        public Builder measure(Measurement m) {
            measures.add(m);
            return this;
        }

        /** The sketch directory (default none: the sketch stays in memory with its measurements only). */
        public Builder output(Path dir) {
            this.output = dir;
            return this;
        }

        /** Whether to store each direction's parameters (default true; needs an output directory). */
        public Builder keepParameters(boolean keep) {
            this.keepParameters = keep;
            return this;
        }

        /** What the sketched training is, kept in the index. */
        public Builder source(SketchSource description) {
            this.source = description;
            return this;
        }

        /**
         * How a process that received only a direction's job rebuilds the training and the measurements (needed by a
         * runner whose jobs run in other processes; default none).
         */
        public Builder recipe(TrainingRecipe r) {
            this.recipe = r;
            return this;
        }

        /** Runs the directions (default: a local runner of {@link #threads(int)} threads); results do not depend on it. */
        public Builder runner(JobRunner r) {
            this.runner = r;
            return this;
        }

        public Builder listener(BuildListener l) {
            this.listener = l;
            return this;
        }

        /** Trains every direction and, with an output directory, writes the sketch. */
        public DeletionSketch build() throws IOException {
            int n = training.exampleCount();
            if (n < 1) {
                throw new IllegalArgumentException("the training has no examples to sketch");
            }
            if (output != null && Files.exists(output.resolve(INDEX_FILE))) {
                throw new IOException(output + " already holds a sketch; choose another directory");
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (Measurement m : measures) {
                if (!names.add(m.name())) {
                    throw new IllegalArgumentException("two measurements are named '" + m.name() + "'");
                }
            }
            boolean params = keepParameters && output != null;
            long start = System.nanoTime();
            List<SketchDirectionJob> jobs = new ArrayList<>();
            ArrayList<String> measureNames = new ArrayList<>();
            for (Measurement m : measures) {
                measureNames.add(m.name());
            }
            for (int j = 0; j < directions; j++) {
                jobs.add(new SketchDirectionJob(seed, j, n, order, params
                        ? SketchFiles.parameterFile(output, j).toAbsolutePath().normalize().toString() : null,
                        recipe, measureNames));
            }
            JobEnvironment shared = JobEnvironment.empty().with(SketchJobs.TRAINING, training)
                    .with(SketchJobs.MEASUREMENTS, measures.toArray(new Measurement[0]));
            List<SketchDirectionJob.Result> results = runner == null
                    ? SketchJobs.run(jobs, threads, shared, listener) : SketchJobs.run(jobs, runner, shared, listener);
            TaylorSeries[][] coefficients = new TaylorSeries[measures.size()][directions];
            double[] perDirection = new double[directions];
            for (int j = 0; j < directions; j++) {
                perDirection[j] = results.get(j).seconds();
                for (int i = 0; i < measures.size(); i++) {
                    coefficients[i][j] = results.get(j).coefficients()[i];
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, TaylorSeries[]> byName = new LinkedHashMap<>();
            for (int i = 0; i < measures.size(); i++) {
                byName.put(measures.get(i).name(), coefficients[i]);
            }
            DeletionSketch sketch = new DeletionSketch(n, order, directions, seed, byName, source, output, params, seconds,
                    perDirection);
            if (output != null) {
                SketchFiles.writeIndex(sketch, byName);
            }
            return sketch;
        }
    }
}
