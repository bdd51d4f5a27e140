package org.lethe.sketch;

import java.io.IOException;
import java.util.List;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;
import org.lethe.exec.JobRunner;
import org.lethe.exec.LocalJobRunner;

/**
 * Runs a sketch's independent jobs (directions, retrainings) through the job runner, with the keys under which
 * the sketching process shares what they need: the training procedure, the measurements, the sketch.
 */
final class SketchJobs {
    /** The {@link WeightedTraining} being sketched. */
    static final String TRAINING = "sketch.training";
    /** The {@link Measurement}s evaluated on every direction, as an array. */
    static final String MEASUREMENTS = "sketch.measurements";
    /** The {@link DeletionSketch} whose stored directions are evaluated. */
    static final String SKETCH = "sketch.sketch";
    /** The {@link MicroGptExperiment} being reproduced. */
    static final String EXPERIMENT = "sketch.experiment";

    private SketchJobs() {
    }

    /**
     * Runs {@code jobs} on {@code threads} workers, reporting each finished job to {@code listener} (may be null).
     * A failure is rethrown after the jobs still running have finished, as itself when it is an I/O or unchecked
     * exception.
     */
    static <R> List<R> run(List<? extends Job<R>> jobs, int threads, JobEnvironment environment,
                           DeletionSketch.BuildListener listener) throws IOException {
        return run(jobs, new LocalJobRunner(Math.max(1, threads)), environment, listener);
    }

    /** {@link #run(List, int, JobEnvironment, DeletionSketch.BuildListener)} on {@code runner}. */
    static <R> List<R> run(List<? extends Job<R>> jobs, JobRunner runner, JobEnvironment environment,
                           DeletionSketch.BuildListener listener) throws IOException {
        int[] done = {0};
        JobEnvironment e = listener == null ? environment : environment.withProgress(units -> {
            synchronized (done) {
                done[0] += (int) units;
                listener.directionDone(done[0], jobs.size());
            }
        });
        try {
            return runner.runAll(jobs, e);
        } catch (IOException | RuntimeException failure) {
            throw failure;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sketch interrupted", interrupted);
        } catch (Exception other) {
            throw new IllegalStateException(other.getMessage(), other);
        }
    }

    /** What a recipe opens: a function that may fail like opening a file. */
    @FunctionalInterface
    interface Opening<T> {
        T open(TrainingRecipe recipe) throws Exception;
    }

    /**
     * The object shared under {@code key}; when there is none, the one {@code opening} makes from {@code recipe}
     * (opened once per environment); without a recipe its absence is a programming error.
     */
    static <T> T shared(JobEnvironment environment, String key, Class<T> type, TrainingRecipe recipe,
                        Opening<T> opening) throws Exception {
        if (recipe == null) {
            return required(environment, key, type);
        }
        return environment.shared(key, type, () -> opening.open(recipe));
    }

    /** The object shared under {@code key}; its absence is a programming error. */
    static <T> T required(JobEnvironment environment, String key, Class<T> type) throws Exception {
        return environment.shared(key, type, () -> {
            throw new IllegalStateException("the sketching process shares no '" + key + "'");
        });
    }
}
