package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Dropout;
import org.lethe.nn.Layer;
import org.lethe.nn.Linear;
import org.lethe.nn.ParameterHash;
import org.lethe.optim.Sgd;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class TrainingStepTest {
    private static final int N = 12;
    private static final int IN = 5;
    private static final int CLASSES = 3;

    /** A linear classifier behind dropout, so that a step's result depends on its reseeding. */
    private static final class Net extends Layer {
        private final Dropout dropout;
        private final Linear fc;

        Net() {
            Rng rng = new Rng(7);
            dropout = addChild("dropout", new Dropout(0.5, rng));
            fc = addChild("fc", new Linear(Real64.INSTANCE, rng, IN, CLASSES, true));
        }

        @Override
        public Tensor forward(Tensor x) {
            return fc.forward(dropout.forward(x));
        }

        Tensor weight() {
            return namedParameters().get("fc.weight");
        }

        Tensor bias() {
            return namedParameters().get("fc.bias");
        }
    }

    private static final double[] X = new double[N * IN];
    private static final int[] Y = new int[N];

    static {
        Rng rng = new Rng(11);
        for (int i = 0; i < X.length; i++) {
            X[i] = rng.nextDouble() * 2 - 1;
        }
        for (int i = 0; i < N; i++) {
            Y[i] = rng.nextInt(CLASSES);
        }
    }

    private static final TrainingTask TASK = (model, batch) -> {
        double[] rows = new double[batch.length * IN];
        int[] labels = new int[batch.length];
        for (int k = 0; k < batch.length; k++) {
            System.arraycopy(X, batch[k] * IN, rows, k * IN, IN);
            labels[k] = Y[batch[k]];
        }
        return Functional.crossEntropy(((Layer) model).forward(Tensor.constant(NDArray.of(Real64.INSTANCE, rows,
                batch.length, IN))), labels);
    };

    private static final int[] BATCH = {0, 3, 4, 7, 8, 11};

    private static Sgd sgd(Net net) {
        return new Sgd(net.trainableParameters(), 0.1, 0.0);
    }

    @Test
    void aZeroMaskKeepsAParameterWhereItWas() {
        Net net = new Net();
        NDArray weightBefore = net.weight().value().copy();
        NDArray biasBefore = net.bias().value().copy();
        GradientMask mask = GradientMask.byName(net, Map.of("fc.weight", NDArray.zeros(Real64.INSTANCE, CLASSES, IN)));
        TrainingStep.of(net, sgd(net)).mask(mask).run(TASK, BATCH, 0.1, 1, 0);
        assertThat(net.weight().value().toDoubles()).containsExactly(weightBefore.toDoubles());
        assertThat(net.bias().value().toDoubles()).isNotEqualTo(biasBefore.toDoubles());
    }

    @Test
    void aMaskScalesEachElementOfTheUpdate() {
        Net plain = new Net();
        Net masked = new Net();
        double[] factors = new double[CLASSES * IN];
        for (int i = 0; i < factors.length; i++) {
            factors[i] = i % 3 == 0 ? 0.0 : i % 3 == 1 ? 1.0 : 0.5;
        }
        NDArray before = plain.weight().value().copy();
        TrainingStep.of(plain, sgd(plain)).run(TASK, BATCH, 0.1, 1, 0);
        TrainingStep.of(masked, sgd(masked))
                .mask(GradientMask.of(Map.of(masked.weight(), NDArray.of(Real64.INSTANCE, factors, CLASSES, IN))))
                .run(TASK, BATCH, 0.1, 1, 0);
        double[] b = before.toDoubles();
        double[] p = plain.weight().value().toDoubles();
        double[] m = masked.weight().value().toDoubles();
        for (int i = 0; i < factors.length; i++) {
            assertThat(m[i] - b[i]).isCloseTo(factors[i] * (p[i] - b[i]), within(1e-15));
        }
    }

    @Test
    void globalNormClippingBoundsTheUpdate() {
        Net net = new Net();
        NDArray w0 = net.weight().value().copy();
        NDArray b0 = net.bias().value().copy();
        double lr = 0.1;
        double maxNorm = 1e-3;
        TrainingStep step = TrainingStep.of(net, sgd(net)).clipGlobalNorm(maxNorm);
        step.run(TASK, BATCH, lr, 1, 0);
        assertThat(step.lastGradientNorm()).isGreaterThan(maxNorm);
        NDArray dw = net.weight().value().sub(w0);
        NDArray db = net.bias().value().sub(b0);
        double updateNorm = Math.sqrt(dw.mul(dw).sumAll().item() + db.mul(db).sumAll().item());
        assertThat(updateNorm).isCloseTo(lr * maxNorm, within(1e-9));
    }

    @Test
    void valueClippingClampsEveryElement() {
        Net net = new Net();
        NDArray w0 = net.weight().value().copy();
        double lr = 0.1;
        double limit = 1e-4;
        TrainingStep.of(net, sgd(net)).clipValue(limit).run(TASK, BATCH, lr, 1, 0);
        for (double d : net.weight().value().sub(w0).toDoubles()) {
            assertThat(Math.abs(d)).isLessThanOrEqualTo(lr * limit * (1 + 1e-12));
        }
    }

    @Test
    void theSameSeedAndStepGiveTheSameWeights() {
        Net a = new Net();
        Net b = new Net();
        Net other = new Net();
        TrainingStep.of(a, sgd(a)).run(TASK, BATCH, 0.1, 5, 3);
        TrainingStep.of(b, sgd(b)).run(TASK, BATCH, 0.1, 5, 3);
        TrainingStep.of(other, sgd(other)).run(TASK, BATCH, 0.1, 5, 4);
        assertThat(ParameterHash.of(a)).isEqualTo(ParameterHash.of(b));
        assertThat(ParameterHash.of(other)).as("another step draws other dropout masks").isNotEqualTo(ParameterHash.of(a));
    }

    @Test
    void theStepSetsTheLearningRate() {
        Net net = new Net();
        Sgd opt = sgd(net);
        TrainingStep.of(net, opt).run(TASK, BATCH, 0.025, 0, 0);
        assertThat(opt.learningRate()).isEqualTo(0.025);
    }

    @Test
    void aTrainerRunTakesExactlyTheseSteps() {
        String[] ids = new String[N];
        for (int i = 0; i < N; i++) {
            ids[i] = "x" + i;
        }
        long seed = 42;
        ProvenanceLog log = new ProvenanceLog(ids, null, seed, 4, 2);
        Net trained = new Net();
        new Trainer(trained, sgd(trained), null, log, TASK).run();

        // The sequence every loop ran before the step primitive, with the trainer's derivation spelled out.
        Net manual = new Net();
        Sgd opt = sgd(manual);
        manual.train(true);
        for (int step = 0; step < log.steps(); step++) {
            manual.reseed(Rng.derive(seed, 1_000_003L + step));
            Tensor loss = TASK.loss(manual, log.batch(step));
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        assertThat(TrainingStep.stepSeed(seed, 3)).isEqualTo(Rng.derive(seed, 1_000_003L + 3));
        assertThat(ParameterHash.of(trained)).isEqualTo(ParameterHash.of(manual));
    }

    @Test
    void aStepWithoutModelTakesALossSupplier() {
        Tensor w = Tensor.parameter(NDArray.of(Real64.INSTANCE, new double[] {1.0, -2.0}, 2));
        TrainingStep step = TrainingStep.withoutModel(new Sgd(List.of(w), 0.5, 0.0));
        Tensor loss = step.run(() -> w.mul(w).sum(), 0.5, 0, 0);
        assertThat(loss.item()).isEqualTo(5.0);
        // d(w.w)/dw = 2w, so w - 0.5 * 2w = 0.
        assertThat(w.value().toDoubles()).containsExactly(0.0, 0.0);
        assertThatThrownBy(() -> step.run(TASK, BATCH, 0.5, 0, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMaskTouchesOnlyItsOwnParameter() {
        Tensor a = Tensor.parameter(NDArray.zeros(Real64.INSTANCE, 2));
        Tensor b = Tensor.parameter(NDArray.zeros(Real64.INSTANCE, 2));
        TrainingStep step = TrainingStep.withoutModel(new Sgd(List.of(a, b), 1.0, 0.0))
                .mask(GradientMask.of(Map.of(a, NDArray.zeros(Real64.INSTANCE, 2))));
        step.run(() -> a.add(b).sum(), 1.0, 0, 0);
        assertThat(a.value().toDoubles()).containsExactly(0.0, 0.0);
        assertThat(b.value().toDoubles()).containsExactly(-1.0, -1.0);
    }

    @Test
    void aMaskMustMatchItsParameter() {
        Net net = new Net();
        assertThatThrownBy(() -> GradientMask.byName(net, Map.of("fc.weight", NDArray.zeros(Real64.INSTANCE, IN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fc.weight");
        assertThatThrownBy(() -> GradientMask.byName(net, Map.of("nope", NDArray.zeros(Real64.INSTANCE, IN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }
}
