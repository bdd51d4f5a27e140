package org.lethe.sketch;

import java.nio.file.Path;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;

/**
 * Evaluates measurement {@code measurement} on the stored parameters of direction {@code index} of the sketch in
 * {@code sketchDir} (kept as text, which serialises). The evaluating process shares the sketch, the training and the
 * measurement; a process that received only the job opens the sketch from its directory (which must be on storage
 * both read) and rebuilds the training and the measurement from {@code recipe} (null when the training has none:
 * then the job runs only where they are shared).
 */
record DirectionMeasurementJob(String sketchDir, int index, TrainingRecipe recipe, String measurement)
        implements Job<TaylorSeries> {
    @Override
    public TaylorSeries run(JobEnvironment environment) throws Exception {
        DeletionSketch sketch = SketchJobs.shared(environment, SketchJobs.SKETCH, DeletionSketch.class, recipe,
                r -> DeletionSketch.open(Path.of(sketchDir)));
        WeightedTraining training = SketchJobs.shared(environment, SketchJobs.TRAINING, WeightedTraining.class,
                recipe, TrainingRecipe::training);
        Measurement[] measures = SketchJobs.shared(environment, SketchJobs.MEASUREMENTS, Measurement[].class, recipe,
                r -> new Measurement[] {r.measurement(training, measurement)});
        TaylorSeries value = TaylorSeries.of(measures[0].evaluate(sketch.directionModel(index, training)));
        environment.progress(1);
        return value;
    }
}
