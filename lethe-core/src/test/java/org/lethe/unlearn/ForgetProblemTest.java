package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.nn.ParameterHash;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;

class ForgetProblemTest {
    private static final ModelSpec SPEC = ModelSpec.mlp(784, 8, 10);

    private static ForgetProblem problem(long seed) throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.9, 5, 10, null);
        TrainConfig c = new TrainConfig();
        c.algebra = "f64";
        c.batchSize = 16;
        c.epochs = 2;
        Layer model = (Layer) SPEC.build(ModelSpec.algebra("f64"), 3);
        Dataset train = data.trainDataset();
        return ForgetProblem.of(model, SPEC, c, train, new int[] {7, 2, 40}, data.testDataset(), seed,
                FineTuneUnlearning.METHOD.settings(Map.of("seed", seed)));
    }

    @Test
    void splitsTheExamplesIntoForgetRetainValidationAndEvaluation() throws Exception {
        ForgetProblem p = problem(1);
        assertThat(p.forget()).containsExactly(2, 7, 40);
        assertThat(p.retain()).hasSize(p.train().size() - 3).doesNotContain(2, 7, 40);
        Set<Integer> validation = new HashSet<>();
        for (int i : p.validation()) {
            validation.add(i);
        }
        for (int i : p.evaluation()) {
            assertThat(validation).doesNotContain(i);
        }
        assertThat(p.validation().length + p.evaluation().length).isEqualTo(p.heldOut().size());
        // The held-out split does not depend on the method's seed: every method is scored on the same half.
        assertThat(problem(2).evaluation()).containsExactly(p.evaluation());
        assertThat(p.originalSteps()).isEqualTo(2 * ((p.train().size() + 15) / 16));
    }

    @Test
    void anAccuracyWithAFloorStopsOnlyWhenItCannotReachIt() throws Exception {
        ForgetProblem p = problem(1);
        int[] examples = p.validation();
        double full = p.accuracy(p.model(), p.heldOutTask(), examples);
        // At or below the full accuracy the floor changes nothing; above it, the answer is below the floor and at
        // least the full accuracy (the most the unmeasured examples could have added).
        assertThat(p.accuracy(p.model(), p.heldOutTask(), examples, full)).isEqualTo(full);
        assertThat(p.accuracy(p.model(), p.heldOutTask(), examples, 0.0)).isEqualTo(full);
        double above = Math.min(1.0, full + 0.5);
        double early = p.accuracy(p.model(), p.heldOutTask(), examples, above);
        assertThat(early).isLessThan(above).isGreaterThanOrEqualTo(full);
        assertThat(examples.length).isGreaterThan(512);
    }

    @Test
    void batchesAreSeededAndCoverThePoolEachEpoch() throws Exception {
        ForgetProblem p = problem(1);
        int[] pool = p.retain();
        ForgetProblem.Batches a = p.batches(pool, 16, 0);
        ForgetProblem.Batches b = problem(1).batches(pool, 16, 0);
        int[] seen = new int[0];
        for (int i = 0; i < a.perEpoch(); i++) {
            int[] batch = a.next();
            assertThat(batch).containsExactly(b.next());
            seen = concat(seen, batch);
        }
        Arrays.sort(seen);
        assertThat(seen).containsExactly(pool);
        assertThat(problem(2).batches(pool, 16, 0).next()).isNotEqualTo(p.batches(pool, 16, 0).next());
    }

    @Test
    void theOriginalStaysAsItWasWhileTheModelIsEdited() throws Exception {
        ForgetProblem p = problem(1);
        String before = ParameterHash.of(p.model());
        FineTuneUnlearning.fineTune(p, 3, 0.1);
        assertThat(ParameterHash.of(p.model())).isNotEqualTo(before);
        assertThat(ParameterHash.of(p.original())).isEqualTo(before);
        assertThat(p.stepsTaken()).isEqualTo(3);
    }

    @Test
    void badInputIsRefused() throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.9, 5, 10, null);
        Layer model = (Layer) SPEC.build(ModelSpec.algebra("f32"), 3);
        TrainConfig c = new TrainConfig();
        MethodSettings s = FineTuneUnlearning.METHOD.defaults();
        assertThatThrownBy(() -> ForgetProblem.of(model, SPEC, c, data.trainDataset(), new int[0], data.testDataset(),
                0, s)).hasMessage("the forget set is empty");
        assertThatThrownBy(() -> ForgetProblem.of(model, SPEC, c, data.trainDataset(), new int[] {1, 1},
                data.testDataset(), 0, s)).hasMessage("index 1 given twice");
        assertThatThrownBy(() -> ForgetProblem.of(model, SPEC, c, data.trainDataset(), new int[] {-1},
                data.testDataset(), 0, s)).hasMessageContaining("outside");
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
