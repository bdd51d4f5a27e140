package org.lethe.sketch;

import java.nio.file.Path;
import java.util.ArrayList;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;
import org.lethe.nn.Module;
import org.lethe.tensor.Series;

/**
 * Trains sketch direction {@code index} (its loss weights follow from the sketch seed and the index) in series
 * arithmetic of degree {@code order}, evaluates the measurements on it and, when {@code parameterFile} is not null,
 * stores its parameters there (paths are kept as text, which serialises). The sketching process shares the training
 * and the measurements; a process that received only the job rebuilds them from {@code recipe} (null when the
 * training has none: then the job runs only where they are shared).
 *
 * @param measurements the names of the measurements, in the shared order
 */
record SketchDirectionJob(long seed, int index, int examples, int order, String parameterFile, TrainingRecipe recipe,
                          ArrayList<String> measurements) implements Job<SketchDirectionJob.Result> {
    /** The coefficients of each measurement, in the shared order, and the direction's training time. */
    record Result(TaylorSeries[] coefficients, double seconds) implements java.io.Serializable {
    }

    @Override
    public Result run(JobEnvironment environment) throws Exception {
        WeightedTraining training = SketchJobs.shared(environment, SketchJobs.TRAINING, WeightedTraining.class,
                recipe, TrainingRecipe::training);
        Measurement[] measures = SketchJobs.shared(environment, SketchJobs.MEASUREMENTS, Measurement[].class,
                recipe, r -> {
                    Measurement[] out = new Measurement[measurements.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = r.measurement(training, measurements.get(i));
                    }
                    return out;
                });
        long t0 = System.nanoTime();
        Module model = training.train(Series.of(order), SketchDirection.of(seed, index, examples).lossWeights(), null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        TaylorSeries[] coefficients = new TaylorSeries[measures.length];
        for (int i = 0; i < measures.length; i++) {
            coefficients[i] = TaylorSeries.of(measures[i].evaluate(model));
        }
        if (parameterFile != null) {
            SketchFiles.writeParameters(Path.of(parameterFile), model, order);
        }
        environment.progress(1);
        return new Result(coefficients, seconds);
    }
}
