package org.lethe.sketch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lethe.exec.JobEnvironment;
import org.lethe.exec.JobRunner;
import org.lethe.tensor.Parallel;
import org.lethe.tensor.Real64;

/**
 * The full reference experiment of {@link MicroGptExperiment}: the retrained truth at {@code w = 0, 0.1, ..., 1}
 * (x = w 1_D), the exact-direction series of a high degree with its partial sums, and a sketch of m directions of
 * a lower degree with its estimates and error bands, with the time each part took.
 */
public final class MicroGptReproduction {
    private static final int CURVE_POINTS = 101;

    private MicroGptReproduction() {
    }

    /** Options; the defaults are the published experiment's. */
    public static final class Settings {
        /** Sketch directions m. */
        public int directions = 500;
        /** Sketch order k. */
        public int order = 3;
        /** Order of the exact-direction run. */
        public int exactOrder = 6;
        /** Seed of the sketch's directions. */
        public long seed = 0;
        /** Worker threads for the retrainings and the sketch. */
        public int threads = Parallel.threads();
        /** Runs the retrainings and the sketch's directions instead of local threads (null: local threads). */
        public JobRunner runner;
        /** Groups of the median of means. */
        public int groups = 10;
        /** Where to store the sketch (null: keep it in memory). */
        public Path sketchDirectory;
        /** Whether a stored sketch keeps its per-direction parameters. */
        public boolean keepParameters = true;
        /** The deletion weights w of the table. */
        public double[] weights = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    }

    /** Progress of the phases (real run, retrainings, exact direction, sketch); calls may come from any thread. */
    public interface Listener {
        /** A phase of {@code total} units begins. */
        default void started(String phase, long total) {
        }

        /** {@code units} more of the current phase are done. */
        default void advanced(long units) {
        }

        /** The current phase is over. */
        default void finished() {
        }
    }

    /** Everything the experiment measured. */
    public static final class Result {
        public final int[] deleted;
        public final List<String> deletedNames;
        public final double[] weights;
        public final double[] retrained;
        public final double[] retrainSeconds;
        public final TaylorSeries exact;
        public final double exactSeconds;
        public final SketchPrediction[] sketch;
        /** Weights {@code 0, 0.01, ..., 1} of {@link #curve}. */
        public final double[] curveWeights;
        /** The sketch's prediction on a fine grid of weights, for plots. */
        public final SketchPrediction[] curve;
        public final int directions;
        public final int order;
        public final long seed;
        public final double sketchSeconds;
        public final double[] directionSeconds;
        public final int threads;
        public final double totalSeconds;

        Result(int[] deleted, List<String> deletedNames, double[] weights, double[] retrained, double[] retrainSeconds,
               TaylorSeries exact, double exactSeconds, SketchPrediction[] sketch, double[] curveWeights,
               SketchPrediction[] curve, int directions, int order, long seed,
               double sketchSeconds, double[] directionSeconds, int threads, double totalSeconds) {
            this.deleted = deleted;
            this.deletedNames = deletedNames;
            this.weights = weights;
            this.retrained = retrained;
            this.retrainSeconds = retrainSeconds;
            this.exact = exact;
            this.exactSeconds = exactSeconds;
            this.sketch = sketch;
            this.curveWeights = curveWeights;
            this.curve = curve;
            this.directions = directions;
            this.order = order;
            this.seed = seed;
            this.sketchSeconds = sketchSeconds;
            this.directionSeconds = directionSeconds;
            this.threads = threads;
            this.totalSeconds = totalSeconds;
        }

        /** The mean wall-clock seconds of one sketch direction's series training. */
        public double meanDirectionSeconds() {
            return SketchEstimator.mean(directionSeconds);
        }

        /**
         * The report {@code results.json} holds, naming the {@code plots} and the {@code sketchDirectory} written
         * beside it.
         */
        public MicroGptReport report(List<String> plots, String sketchDirectory) {
            MicroGptReport.Timings timings = new MicroGptReport.Timings(retrainSeconds[0],
                    java.util.Arrays.stream(retrainSeconds).min().orElse(0), exactSeconds, meanDirectionSeconds(),
                    sketchSeconds, totalSeconds);
            List<MicroGptReport.Row> rows = new ArrayList<>();
            for (int i = 0; i < weights.length; i++) {
                double w = weights[i];
                double[] partial = new double[exact.order() + 1];
                double[] error = new double[exact.order() + 1];
                for (int k = 0; k <= exact.order(); k++) {
                    partial[k] = exact.partialSum(k, w);
                    error[k] = partial[k] - retrained[i];
                }
                rows.add(new MicroGptReport.Row(w, retrained[i], partial, error, sketch[i].report(),
                        sketch[i].estimate() - retrained[i]));
            }
            return new MicroGptReport(
                    "microgpt names, 1000 steps, seed 42, measurement loss on 'max', D = names with 'x'", deleted,
                    deletedNames, directions, order, seed, exact.order(), exact.realParts(), threads, timings, rows,
                    plots, sketchDirectory);
        }
    }

    /** Runs the experiment. */
    public static Result run(MicroGptExperiment e, Settings s, Listener listener) throws IOException {
        Listener l = listener == null ? new Listener() { } : listener;
        long start = System.nanoTime();
        int[] d = e.deletionSet();
        List<String> names = new ArrayList<>();
        for (int t : d) {
            names.add(e.trainingName(t));
        }
        Measurement measurement = e.measurement();
        int count = s.weights.length;
        double[] retrained = new double[count];
        double[] retrainSeconds = new double[count];

        // The first retraining runs alone, so that its time is the time of one real training run.
        l.started("real run (w = " + s.weights[0] + ")", e.exampleCount());
        long t0 = System.nanoTime();
        retrained[0] = measurement.evaluate(e.train(Real64.INSTANCE,
                LossWeights.deleting(d, e.exampleCount(), s.weights[0]), (done, total) -> l.advanced(1))).item();
        retrainSeconds[0] = (System.nanoTime() - t0) / 1e9;
        l.finished();

        l.started("retraining at the other weights", count - 1);
        List<WeightedRetrainingJob> retrainings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            retrainings.add(new WeightedRetrainingJob(d, s.weights[i], e.recipe()));
        }
        JobEnvironment shared = JobEnvironment.empty().with(SketchJobs.EXPERIMENT, e);
        DeletionSketch.BuildListener eachRetraining = (done, total) -> l.advanced(1);
        List<WeightedRetrainingJob.Result> results = s.runner == null
                ? SketchJobs.run(retrainings, s.threads, shared, eachRetraining)
                : SketchJobs.run(retrainings, s.runner, shared, eachRetraining);
        for (int i = 1; i < count; i++) {
            retrained[i] = results.get(i - 1).value();
            retrainSeconds[i] = results.get(i - 1).seconds();
        }
        l.finished();

        l.started("exact direction (degree " + s.exactOrder + ")", e.exampleCount());
        long x0 = System.nanoTime();
        TaylorSeries exact = DeletionSketch.exactDirection(e, d, s.exactOrder, measurement, (done, total) -> l.advanced(1));
        double exactSeconds = (System.nanoTime() - x0) / 1e9;
        l.finished();

        l.started(s.directions + " sketch directions (degree " + s.order + ")", s.directions);
        DeletionSketch sketch = DeletionSketch.builder(e).directions(s.directions).order(s.order).seed(s.seed)
                .threads(s.threads).runner(s.runner).recipe(e.recipe()).measure(measurement)
                .output(s.sketchDirectory).keepParameters(s.keepParameters).source(e.description())
                .listener((done, total) -> l.advanced(1)).build();
        l.finished();
        int groups = Math.min(s.groups, s.directions);
        TaylorSeries[] coefficients = sketch.coefficients(measurement.name());
        double[][] sums = sketch.conjugateSums(d);
        SketchPrediction[] predictions = new SketchPrediction[count];
        for (int i = 0; i < count; i++) {
            predictions[i] = SketchEstimator.predict(measurement.name(), coefficients, sums, e.exampleCount(),
                    s.weights[i], groups);
        }
        double[] curveWeights = new double[CURVE_POINTS];
        SketchPrediction[] curve = new SketchPrediction[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            curveWeights[i] = (double) i / (CURVE_POINTS - 1);
            curve[i] = SketchEstimator.predict(measurement.name(), coefficients, sums, e.exampleCount(), curveWeights[i],
                    groups);
        }
        return new Result(d, names, s.weights.clone(), retrained, retrainSeconds, exact, exactSeconds, predictions,
                curveWeights, curve, s.directions, s.order, s.seed, sketch.buildSeconds(), sketch.directionSeconds(),
                s.threads, (System.nanoTime() - start) / 1e9);
    }
}
