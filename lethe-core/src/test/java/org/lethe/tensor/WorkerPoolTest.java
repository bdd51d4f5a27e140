package org.lethe.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @ParameterizedTest
    @ValueSource(longs = {0L, 200_000L})
    void runsEveryChunkExactlyOnceWhetherWorkersSpinOrPark(long spinNanos) {
        WorkerPool pool = new WorkerPool(3, spinNanos);
        for (int round = 0; round < 200; round++) {
            int chunks = 1 + round % 37;
            AtomicIntegerArray hits = new AtomicIntegerArray(chunks);
            pool.run(chunks, hits::incrementAndGet);
            for (int c = 0; c < chunks; c++) {
                assertThat(hits.get(c)).as("chunk %d of %d in round %d", c, chunks, round).isEqualTo(1);
            }
        }
    }

    @Test
    void nestedRegionsRunOnTheCallingThread() {
        WorkerPool pool = new WorkerPool(2, 100_000L);
        AtomicInteger inner = new AtomicInteger();
        pool.run(4, outer -> pool.run(5, c -> inner.incrementAndGet()));
        assertThat(inner.get()).isEqualTo(20);
    }

    @Test
    void rethrowsTheFailureOfAChunkAndStaysUsable() {
        WorkerPool pool = new WorkerPool(2, 100_000L);
        assertThatThrownBy(() -> pool.run(8, c -> {
            if (c == 5) {
                throw new IllegalArgumentException("chunk five");
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk five");
        AtomicInteger after = new AtomicInteger();
        pool.run(8, c -> after.incrementAndGet());
        assertThat(after.get()).isEqualTo(8);
    }

    @Test
    void concurrentCallersEachCompleteTheirOwnChunks() throws Exception {
        WorkerPool pool = new WorkerPool(2, 50_000L);
        int callers = 4;
        AtomicInteger total = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[callers];
        for (int t = 0; t < callers; t++) {
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    pool.run(6, c -> total.incrementAndGet());
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertThat(total.get()).isEqualTo(callers * 100 * 6);
    }
}
