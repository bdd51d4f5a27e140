package org.lethe.sketch;

import java.nio.file.Path;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;
import org.lethe.nn.Module;
import org.lethe.tensor.Series;

/**
 * Trains sketch direction {@code index} (its loss weights follow from the sketch seed and the index) in series
 * arithmetic of degree {@code order}, evaluates the shared measurements on it and, when {@code parameterFile} is not
 * null, stores its parameters there (paths are kept as text, which serialises).
 */
record SketchDirectionJob(long seed, int index, int examples, int order, String parameterFile)
        implements Job<SketchDirectionJob.Result> {
    /** The coefficients of each measurement, in the shared order, and the direction's training time. */
    record Result(TaylorSeries[] coefficients, double seconds) {
    }

    @Override
    public Result run(JobEnvironment environment) throws Exception {
        WeightedTraining training = SketchJobs.required(environment, SketchJobs.TRAINING, WeightedTraining.class);
        Measurement[] measures = SketchJobs.required(environment, SketchJobs.MEASUREMENTS, Measurement[].class);
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
