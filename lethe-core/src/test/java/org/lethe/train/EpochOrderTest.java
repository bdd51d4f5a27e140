package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lethe.tensor.Rng;

class EpochOrderTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, 987654321})
    void visitsInAscendingKeyOrderWithTiesById(long seed) {
        Rng rng = new Rng(seed);
        int n = 1 + rng.nextInt(3000);
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "ex-" + rng.nextInt(1_000_000) + "-" + i;
        }
        int epoch = rng.nextInt(5);
        Integer[] expected = new Integer[n];
        for (int i = 0; i < n; i++) {
            expected[i] = i;
        }
        Arrays.sort(expected, Comparator.<Integer>comparingLong(i -> EpochOrder.key(seed, epoch, ids[i]))
                .thenComparing(i -> ids[i]));

        int[] order = EpochOrder.order(ids, seed, epoch);

        assertThat(order).containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
    }
}
