package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.optim.Sgd;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class GptNamesTrainingTest {
    private static final int STEPS = 300;
    private static final int HELD_OUT = 300;

    @Test
    void tinyCharacterModelLearnsNamesInF64() {
        trainAndCheck(Real64.INSTANCE);
    }

    @Test
    void tinyCharacterModelLearnsNamesInF32() {
        trainAndCheck(Real32.INSTANCE);
    }

    private static void trainAndCheck(Algebra algebra) {
        NamesCorpus names = NamesCorpus.load();
        assertThat(names.vocabSize()).isEqualTo(27);
        GptConfig config = GptConfig.tinyCharacterModel(names.vocabSize());
        Gpt gpt = new Gpt(algebra, new Rng(42), config);
        int[] order = new Rng(1).permutation(names.names.size());
        double before = heldOutLoss(gpt, names, order);
        Sgd sgd = new Sgd(gpt.trainableParameters(), 0.1, 0.0);
        for (int step = 0; step < STEPS; step++) {
            int[][] ex = names.example(order[step], config.contextLength());
            Tensor loss = gpt.loss(ex[0], ex[1], 1, ex[0].length);
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
        }
        double after = heldOutLoss(gpt, names, order);
        // ln 27 = 3.30 is the loss of a uniform guess; names' character bigrams alone are worth about 2.45.
        assertThat(before).as("loss before training").isBetween(3.1, 3.5);
        assertThat(after).as("loss after " + STEPS + " steps").isLessThan(2.7);
    }

    /** Mean per-token loss on the last documents of the order, which training never sees. */
    private static double heldOutLoss(Gpt gpt, NamesCorpus names, int[] order) {
        double sum = 0;
        int tokens = 0;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int i = order.length - HELD_OUT; i < order.length; i++) {
                int[][] ex = names.example(order[i], gpt.config().contextLength());
                sum += gpt.loss(ex[0], ex[1], 1, ex[0].length).item() * ex[0].length;
                tokens += ex[0].length;
            }
        }
        return sum / tokens;
    }
}
