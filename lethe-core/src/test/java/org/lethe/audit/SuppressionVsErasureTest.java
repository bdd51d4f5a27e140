package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.data.ImageDatasets;
import org.lethe.data.Selection;
import org.lethe.nn.Mlp;
import org.lethe.nn.ParameterHash;
import org.lethe.optim.Sgd;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;

/**
 * The two suppression-versus-erasure tests on small digit MLPs that forget class 3: one trained on everything and
 * then pushed off the class by gradient ascent (suppression: the knowledge is still in its weights), and one
 * trained without the class (erasure: the exact-deletion reference).
 */
class SuppressionVsErasureTest {
    private static final int FORGOTTEN_CLASS = 3;
    private static ErasureTestData data;
    private static Mlp trained;
    private static Mlp suppressed;
    private static Mlp neverSaw;

    @BeforeAll
    static void trainModels() throws Exception {
        Dataset digits = ImageDatasets.digits();
        Dataset pool = digits.select(range(0, 3000));
        Dataset test = digits.select(range(8000, 1000));
        data = ErasureTestData.of(pool, Selection.ofClasses(pool, FORGOTTEN_CLASS), test, null);
        trained = train(pool);
        neverSaw = train(data.retain);
        suppressed = train(pool);
        // Gradient ascent on the forget set until the model gets at most 5% of it right.
        ClassificationTask forget = new ClassificationTask(data.forget, null, Real32.INSTANCE);
        Sgd ascent = new Sgd(suppressed.trainableParameters(), 0.01, 0.0);
        for (int step = 0; RelearnTest.forgetAccuracy(suppressed, data, new RelearnTest.Options()) > 0.05; step++) {
            assertThat(step).as("gradient-ascent steps").isLessThan(200);
            int[] batch = Arrays.copyOf(new Rng(step).permutation(data.forget.size()), 32);
            Tensor loss = forget.loss(suppressed, batch).neg();
            ascent.zeroGrad();
            loss.backward();
            ascent.step();
        }
    }

    private static Mlp train(Dataset d) {
        Mlp model = new Mlp(Real32.INSTANCE, new Rng(1), 784, 64, 10);
        Sgd sgd = new Sgd(model.trainableParameters(), 0.05, 0.9);
        ClassificationTask task = new ClassificationTask(d, null, Real32.INSTANCE);
        Rng rng = new Rng(2);
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] order = rng.permutation(d.size());
            for (int s = 0; s + 32 <= order.length; s += 32) {
                Tensor loss = task.loss(model, Arrays.copyOfRange(order, s, s + 32));
                sgd.zeroGrad();
                loss.backward();
                sgd.step();
            }
        }
        return model;
    }

    private static int[] range(int from, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = from + i;
        }
        return out;
    }

    private static RelearnTest.Options relearnOptions() {
        RelearnTest.Options o = new RelearnTest.Options();
        o.forgetExamples = 8;
        o.retainExamples = 8;
        o.batchSize = 8;
        o.target = 0.8;
        o.maxSteps = 300;
        return o.sgd(0.01);
    }

    @Test
    void aSuppressedModelRelearnsTheForgottenClassFasterThanOneThatNeverSawIt() {
        String hashBefore = ParameterHash.of(suppressed);
        RelearnComparison c = RelearnComparison.run(suppressed, neverSaw, data, relearnOptions());
        assertThat(ParameterHash.of(suppressed)).as("the relearning test leaves the model unchanged").isEqualTo(hashBefore);

        assertThat(c.model.startAccuracy()).isLessThanOrEqualTo(0.05);
        assertThat(c.reference.startAccuracy()).isLessThanOrEqualTo(0.05);
        assertThat(c.model.reached).isTrue();
        assertThat(c.reference.reached).isTrue();
        assertThat(c.model.curve()).hasSize(c.model.steps + 1);
        assertThat(c.model.endAccuracy()).isGreaterThanOrEqualTo(0.8);
        // Measured: 20 steps against 94.
        assertThat(c.model.steps * 3).isLessThan(c.reference.steps);
        assertThat(c.stepRatio()).isLessThan(1.0 / 3);

        // The model that still has the class needs no step at all.
        assertThat(RelearnTest.run(trained, data, relearnOptions()).steps).isZero();
    }

    @Test
    void relearningIsDeterministic() {
        RelearnResult a = RelearnTest.run(neverSaw, data, relearnOptions());
        RelearnResult b = RelearnTest.run(neverSaw, data, relearnOptions());
        assertThat(a.curve()).isEqualTo(b.curve());
    }

    @Test
    void aProbeStillReadsTheForgottenClassOutOfASuppressedModel() {
        ProbeAuditResult r = ProbeAudit.run(suppressed, neverSaw, data, new LinearProbe.Options());
        assertThat(r.forgottenClasses).containsExactly(FORGOTTEN_CLASS);
        // The output layer no longer names the class, but its features still hold it: measured 0.90 against 0.73.
        assertThat(r.model.forgetAccuracy).isGreaterThan(0.85);
        assertThat(r.forgetGap()).isGreaterThan(0.1);
        // Both representations serve the other classes equally well.
        assertThat(r.model.retainAccuracy).isGreaterThan(0.9);
        assertThat(r.reference.retainAccuracy).isGreaterThan(0.9);
        assertThat(Math.abs(r.model.testAccuracy - r.reference.testAccuracy)).isLessThan(0.03);
    }

    @Test
    void invalidOptionsAreRejected() {
        RelearnTest.Options o = relearnOptions();
        o.target = 1.5;
        assertThatThrownBy(() -> RelearnTest.run(neverSaw, data, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target accuracy");
    }
}
