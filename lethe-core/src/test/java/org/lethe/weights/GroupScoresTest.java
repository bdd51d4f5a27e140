package org.lethe.weights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lethe.nn.Layer;
import org.lethe.nn.Mlp;
import org.lethe.nn.SmallCnn;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;

class GroupScoresTest {
    @Test
    void keptScoresFollowFewAndManyMovedUnitsLikeAFreshComputation() {
        check(new Mlp(Real32.INSTANCE, new Rng(1), 30, 40, 40, 40, 6), new Mlp(Real32.INSTANCE, new Rng(2), 30, 40, 40, 40, 6));
        check(new SmallCnn(Real32.INSTANCE, new Rng(3), 16, 6, 8, 12, 4), new SmallCnn(Real32.INSTANCE, new Rng(4), 16, 6, 8, 12, 4));
    }

    private static void check(Layer modelA, Layer modelB) {
        PermutationSpec spec = PermutationSpec.of(modelA);
        WeightSet a = WeightSet.of(modelA);
        WeightSet b = WeightSet.of(modelB);
        GroupScores kept = new GroupScores(spec, a, b);
        int[][] perms = spec.identity();
        Rng rng = new Rng(7);
        for (int step = 0; step < 12; step++) {
            int g = step % perms.length;
            double[] fresh = WeightMatching.scores(spec, spec.groups().get(g), g, a, perms, b);
            double[] s = kept.scores(g, perms);
            for (int i = 0; i < fresh.length; i++) {
                assertThat(s[i]).as("step %d entry %d", step, i).isCloseTo(fresh[i],
                        org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(fresh[i]))));
            }
            // Asked again with nothing moved, the scores are the same array and count as unchanged.
            assertThat(kept.scores(g, perms)).isSameAs(s);
            assertThat(kept.changedAtLastCall(g)).isFalse();
            // Move the next group's units: two swapped (a correction) or all shuffled (a recomputation).
            int next = (g + 1) % perms.length;
            if (step % 3 == 2) {
                perms[next] = rng.permutation(perms[next].length);
            } else {
                int i = rng.nextInt(perms[next].length);
                int j = (i + 1 + rng.nextInt(perms[next].length - 1)) % perms[next].length;
                int t = perms[next][i];
                perms[next][i] = perms[next][j];
                perms[next][j] = t;
            }
        }
    }
}
