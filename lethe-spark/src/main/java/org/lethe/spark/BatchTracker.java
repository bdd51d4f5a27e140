package org.lethe.spark;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Follows the tasks of the batch a {@link SparkJobRunner} is running, on the driver: which are still running (so
 * that after a failure the runner waits for them, as every runner must), and how much progress each has counted,
 * from the executors' heartbeats while it runs and from its end, passed on to the batch's progress sink as it
 * grows.
 */
final class BatchTracker extends SparkListener {
    private final Object lock = new Object();
    private String group;
    private long accumulator = -1;
    private LongConsumer progress = units -> { };
    private final Set<Integer> stages = new HashSet<>();
    private final Set<Long> running = new HashSet<>();
    private final Map<Long, Long> counted = new HashMap<>();

    /** Starts following the batch run under job group {@code group}. */
    void begin(String group, long accumulatorId, LongConsumer sink) {
        synchronized (lock) {
            this.group = group;
            this.accumulator = accumulatorId;
            this.progress = sink;
            stages.clear();
            running.clear();
            counted.clear();
        }
    }

    /** Waits until no task of the batch runs any more, then stops following it. */
    void end() throws InterruptedException {
        synchronized (lock) {
            while (!running.isEmpty()) {
                lock.wait(1000);
            }
            group = null;
            accumulator = -1;
            progress = units -> { };
        }
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        synchronized (lock) {
            if (group != null && submitted.properties() != null
                    && group.equals(submitted.properties().getProperty("spark.jobGroup.id"))) {
                stages.add(submitted.stageInfo().stageId());
            }
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        synchronized (lock) {
            if (stages.contains(start.stageId())) {
                running.add(start.taskInfo().taskId());
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        synchronized (lock) {
            if (!stages.contains(end.stageId())) {
                return;
            }
            long task = end.taskInfo().taskId();
            // A failed attempt's count is dropped on the executor; only a successful one reports its final value.
            if (end.taskInfo().successful()) {
                report(task, CollectionConverters.asJava(end.taskInfo().accumulables()));
            }
            running.remove(task);
            lock.notifyAll();
        }
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        synchronized (lock) {
            for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> t
                    : CollectionConverters.asJava(update.accumUpdates())) {
                if (stages.contains((Integer) t._2())) {
                    report((Long) t._1(), CollectionConverters.asJava(t._4()));
                }
            }
        }
    }

    // Heartbeats carry a running task's count so far, the end its final count: each is reported once, by growth.
    private void report(long task, Iterable<AccumulableInfo> infos) {
        for (AccumulableInfo info : infos) {
            if (info.id() != accumulator) {
                continue;
            }
            Object value = info.update().isDefined() ? info.update().get() : info.value().getOrElse(() -> null);
            if (value instanceof Number) {
                long now = ((Number) value).longValue();
                long before = counted.getOrDefault(task, 0L);
                if (now > before) {
                    counted.put(task, now);
                    progress.accept(now - before);
                }
            }
        }
    }
}
