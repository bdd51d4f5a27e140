package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ThreadPoolShardRunnerTest {

    @Test
    void jobsComeBackInOrder() throws Exception {
        List<Callable<Integer>> jobs = List.of(() -> 1, () -> 2, () -> 3);
        assertThat(new ThreadPoolShardRunner(2).runAll(jobs)).containsExactly(1, 2, 3);
    }

    @Test
    void aFailureIsRethrownOnlyAfterTheShardsStillRunningHaveFinished() {
        CountDownLatch failed = new CountDownLatch(1);
        AtomicBoolean otherFinished = new AtomicBoolean();
        Callable<Void> failing = () -> {
            failed.countDown();
            throw new IllegalStateException("shard 0 broke");
        };
        // Like a training shard: ignores interrupts and keeps computing for a while after the other one failed.
        Callable<Void> busy = () -> {
            while (failed.getCount() > 0) {
                Thread.onSpinWait();
            }
            long until = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            otherFinished.set(true);
            return null;
        };
        assertThatThrownBy(() -> new ThreadPoolShardRunner(2).runAll(List.of(failing, busy)))
                .isInstanceOf(IllegalStateException.class).hasMessage("shard 0 broke");
        assertThat(otherFinished).isTrue();
    }
}
