package org.lethe.sketch;

import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;

/** Evaluates the shared measurement on the stored parameters of direction {@code index} of the shared sketch. */
record DirectionMeasurementJob(int index) implements Job<TaylorSeries> {
    @Override
    public TaylorSeries run(JobEnvironment environment) throws Exception {
        DeletionSketch sketch = SketchJobs.required(environment, SketchJobs.SKETCH, DeletionSketch.class);
        WeightedTraining training = SketchJobs.required(environment, SketchJobs.TRAINING, WeightedTraining.class);
        Measurement[] measures = SketchJobs.required(environment, SketchJobs.MEASUREMENTS, Measurement[].class);
        TaylorSeries value = TaylorSeries.of(measures[0].evaluate(sketch.directionModel(index, training)));
        environment.progress(1);
        return value;
    }
}
