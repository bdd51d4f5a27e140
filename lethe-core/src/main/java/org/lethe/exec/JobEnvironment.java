package org.lethe.exec;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

/**
 * What the process running a batch of jobs offers them: objects already open here (a loaded data set, an open
 * model), shared by key so that jobs of one batch do not each load them again, and a progress sink. A job that
 * finds no shared object opens it itself from its description, which is what happens in a process that received
 * only the job. What an environment shares is fixed when it is made ({@link #with} and {@link #withProgress}
 * return new environments); what its jobs open on demand is kept for that environment alone.
 */
public final class JobEnvironment {
    private final Map<String, Object> shared;
    private final LongConsumer progress;
    private final Map<String, Object> opened = new HashMap<>();

    private JobEnvironment(Map<String, Object> shared, LongConsumer progress) {
        this.shared = shared;
        this.progress = progress;
    }

    /** Shares nothing; progress goes nowhere. A new environment each time, so nothing opened outlives its batch. */
    public static JobEnvironment empty() {
        return new JobEnvironment(Map.of(), units -> { });
    }

    /** This environment sharing {@code value} under {@code key} as well. */
    public JobEnvironment with(String key, Object value) {
        Map<String, Object> m = new HashMap<>(shared);
        m.put(key, value);
        return new JobEnvironment(Map.copyOf(m), progress);
    }

    /** This environment reporting progress units to {@code sink} (called from the jobs' threads). */
    public JobEnvironment withProgress(LongConsumer sink) {
        return new JobEnvironment(shared, sink == null ? units -> { } : sink);
    }

    /**
     * The object shared under {@code key}; when there is none, the one {@code open} makes, opened once per
     * environment and then shared with the other jobs of the batch.
     */
    public <T> T shared(String key, Class<T> type, Callable<? extends T> open) throws Exception {
        Object value = shared.get(key);
        if (value == null) {
            synchronized (opened) {
                value = opened.get(key);
                if (value == null) {
                    value = open.call();
                    opened.put(key, value);
                }
            }
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("shared object '" + key + "' is a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    /** Reports {@code units} of finished work. */
    public void progress(long units) {
        progress.accept(units);
    }
}
