package org.lethe.sketch;

import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;
import org.lethe.tensor.Real64;

/**
 * Retrains the experiment in double precision with the examples {@code deleted} weighted {@code 1 - weight} and
 * measures the result: the ground truth a sketch's prediction at that weight is compared with. The reproducing
 * process shares the experiment; a process that received only the job rebuilds it from {@code recipe}.
 */
record WeightedRetrainingJob(int[] deleted, double weight, TrainingRecipe recipe)
        implements Job<WeightedRetrainingJob.Result> {
    /** The measured value and the retraining's wall time. */
    record Result(double value, double seconds) implements java.io.Serializable {
    }

    @Override
    public Result run(JobEnvironment environment) throws Exception {
        MicroGptExperiment e = SketchJobs.shared(environment, SketchJobs.EXPERIMENT, MicroGptExperiment.class, recipe,
                r -> (MicroGptExperiment) r.training());
        long t0 = System.nanoTime();
        double value = e.measurement().evaluate(e.train(Real64.INSTANCE,
                LossWeights.deleting(deleted, e.exampleCount(), weight), null)).item();
        environment.progress(1);
        return new Result(value, (System.nanoTime() - t0) / 1e9);
    }
}
