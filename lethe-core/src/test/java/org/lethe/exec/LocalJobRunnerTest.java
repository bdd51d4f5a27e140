package org.lethe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalJobRunnerTest {
    record Constant(int value) implements Job<Integer> {
        @Override
        public Integer run(JobEnvironment environment) {
            environment.progress(1);
            return value;
        }
    }

    // Fails once the busy job has started, so that the failure happens while that job runs.
    record Failing(CountDownLatch busyStarted, CountDownLatch failed) implements Job<Void> {
        @Override
        public Void run(JobEnvironment environment) throws InterruptedException {
            busyStarted.await();
            failed.countDown();
            throw new IllegalStateException("job 0 broke");
        }
    }

    // Like a training shard or sketch direction: ignores interrupts and keeps computing for a while after the
    // other job failed.
    record Busy(CountDownLatch started, CountDownLatch failed, AtomicBoolean finished) implements Job<Void> {
        @Override
        public Void run(JobEnvironment environment) {
            started.countDown();
            while (failed.getCount() > 0) {
                Thread.onSpinWait();
            }
            long until = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            finished.set(true);
            return null;
        }
    }

    record Counts(AtomicInteger ran) implements Job<Void> {
        @Override
        public Void run(JobEnvironment environment) {
            ran.incrementAndGet();
            return null;
        }
    }

    record Opens(String key, AtomicInteger opened) implements Job<String> {
        @Override
        public String run(JobEnvironment environment) throws Exception {
            return environment.shared(key, String.class, () -> "opened " + opened.incrementAndGet());
        }
    }

    @Test
    void resultsComeBackInJobOrderAndProgressIsReported() throws Exception {
        AtomicInteger units = new AtomicInteger();
        List<Integer> out = new LocalJobRunner(2).runAll(List.of(new Constant(1), new Constant(2), new Constant(3)),
                JobEnvironment.empty().withProgress(u -> units.addAndGet((int) u)));
        assertThat(out).containsExactly(1, 2, 3);
        assertThat(units).hasValue(3);
    }

    @Test
    void aFailureIsRethrownOnlyAfterTheJobsStillRunningHaveFinished() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicBoolean otherFinished = new AtomicBoolean();
        assertThatThrownBy(() -> new LocalJobRunner(2).runAll(List.of(new Failing(started, failed),
                new Busy(started, failed, otherFinished)))).isInstanceOf(IllegalStateException.class).hasMessage("job 0 broke");
        assertThat(otherFinished).isTrue();
    }

    @Test
    void aLateJobsFailureStopsTheBatchWhileAnEarlyJobStillRuns() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicBoolean earlyFinished = new AtomicBoolean();
        AtomicInteger queuedRan = new AtomicInteger();
        List<Job<Void>> jobs = List.of(new Busy(started, failed, earlyFinished), new Failing(started, failed), new Counts(queuedRan),
                new Counts(queuedRan), new Counts(queuedRan), new Counts(queuedRan));
        assertThatThrownBy(() -> new LocalJobRunner(2).runAll(jobs)).hasMessage("job 0 broke");
        assertThat(earlyFinished).isTrue();
        assertThat(queuedRan).hasValue(0);
    }

    @Test
    void sharedObjectsAreUsedAndMissingOnesOpenedOncePerEnvironment() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        List<Opens> jobs = List.of(new Opens("k", opened), new Opens("k", opened), new Opens("k", opened));
        assertThat(new LocalJobRunner(2).runAll(jobs, JobEnvironment.empty().with("k", "given")))
                .containsOnly("given");
        assertThat(opened).hasValue(0);
        assertThat(new LocalJobRunner(2).runAll(jobs, JobEnvironment.empty())).containsOnly("opened 1");
        assertThat(opened).hasValue(1);
    }

    @Test
    void needsAtLeastOneThread() {
        assertThatThrownBy(() -> new LocalJobRunner(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
