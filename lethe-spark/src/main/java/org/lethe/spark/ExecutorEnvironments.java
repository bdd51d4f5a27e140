package org.lethe.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.util.LongAccumulator;
import org.lethe.exec.JobEnvironment;

/**
 * The {@link JobEnvironment} of each batch in an executor JVM: shared by the batch's tasks that run there, so that
 * what one job opens (an ensemble, a data set) the next one reuses. It shares nothing the driver opened (the jobs
 * rebuild everything from their descriptions); progress goes to the accumulator of the task running on the
 * reporting thread. Only the latest few batches are kept, so an executor does not hold old batches' objects.
 */
final class ExecutorEnvironments {
    private static final int KEPT = 2;
    private static final Map<String, JobEnvironment> BY_BATCH = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JobEnvironment> eldest) {
            return size() > KEPT;
        }
    };
    private static final ThreadLocal<LongAccumulator> PROGRESS = new ThreadLocal<>();

    private ExecutorEnvironments() {
    }

    /** The environment of {@code batch} in this JVM. */
    static JobEnvironment of(String batch) {
        synchronized (BY_BATCH) {
            return BY_BATCH.computeIfAbsent(batch, b -> JobEnvironment.empty().withProgress(units -> {
                LongAccumulator sink = PROGRESS.get();
                if (sink != null) {
                    sink.add(units);
                }
            }));
        }
    }

    /** Runs {@code body} with its thread's progress counted into {@code progress}. */
    static <T> T withProgress(LongAccumulator progress, Callable<T> body) throws Exception {
        PROGRESS.set(progress);
        try {
            return body.call();
        } finally {
            PROGRESS.remove();
        }
    }
}
