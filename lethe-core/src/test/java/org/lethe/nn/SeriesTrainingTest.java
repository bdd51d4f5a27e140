package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.optim.Adam;
import org.lethe.optim.Optimizer;
import org.lethe.optim.Sgd;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;
import org.lethe.tensor.Series;

/**
 * The unchanged layer, loss and optimiser code run in the series algebra with per-example loss weights
 * {@code 1 + psi z}: the constant terms must reproduce the F64 run bit for bit, and the {@code z} coefficients must
 * be the derivatives with respect to {@code eps} of the F64 run with weights {@code 1 + eps psi}, which central
 * finite differences estimate.
 */
class SeriesTrainingTest {
    private static final int BATCH = 12;
    private static final int FEATURES = 5;
    private static final int CLASSES = 3;
    private static final double H = 1e-5;
    private static final double TOL = 1e-6;

    private final Rng dataRng = new Rng(2024);
    private final double[] inputs = uniform(dataRng, BATCH * FEATURES);
    private final int[] targets = labels(dataRng, BATCH);
    private final double[] psi = uniform(dataRng, BATCH);

    @Test
    void gradientCoefficientsAreDerivativesWithRespectToTheLossWeights() {
        for (Activation activation : Activation.values()) {
            List<NDArray> series = run(Series.of(1), activation, 0, null);
            DoubleFunction<List<NDArray>> f64 = eps -> run(Real64.INSTANCE, activation, eps, null);
            checkAgainstF64(series, f64, "gradients with " + activation);
        }
    }

    @Test
    void sgdWithMomentumTrainingCarriesTheDerivativeOfTheTrainedWeights() {
        List<NDArray> series = run(Series.of(1), Activation.GELU, 0, params -> new Sgd(params, 0.1, 0.9));
        checkAgainstF64(series, eps -> run(Real64.INSTANCE, Activation.GELU, eps, params -> new Sgd(params, 0.1, 0.9)),
                "SGD-trained weights");
    }

    @Test
    void adamTrainingCarriesTheDerivativeOfTheTrainedWeights() {
        List<NDArray> series = run(Series.of(1), Activation.TANH, 0, params -> Adam.adam(params, 0.01));
        checkAgainstF64(series, eps -> run(Real64.INSTANCE, Activation.TANH, eps, params -> Adam.adam(params, 0.01)),
                "Adam-trained weights");
    }

    @Test
    void complexWeightCoefficientsCarryTwoDirectionsAtOnce() {
        // Weights 1 + (psi + i chi) z: by linearity the real parts follow psi and the imaginary parts chi.
        double[] chi = uniform(new Rng(77), BATCH);
        List<NDArray> series = run(Series.of(1), Activation.GELU, psi, chi, params -> Adam.adam(params, 0.01));
        checkAgainstF64(series, eps -> run(Real64.INSTANCE, Activation.GELU, weights(psi, eps), null,
                params -> Adam.adam(params, 0.01)), false, "Adam-trained weights along psi");
        checkAgainstF64(series, eps -> run(Real64.INSTANCE, Activation.GELU, weights(chi, eps), null,
                params -> Adam.adam(params, 0.01)), true, "Adam-trained weights along chi");
    }

    @Test
    void secondOrderCoefficientIsHalfTheSecondDerivativeAfterAStep() {
        // The weighted loss is linear in the weights; the loss after a step on it is not.
        double[][] c = Series.coefficients(lossAfterStep(Series.of(2), 0), 0);
        double h = 1e-3;
        double down = lossAfterStep(Real64.INSTANCE, -h).item();
        double base = lossAfterStep(Real64.INSTANCE, 0).item();
        double up = lossAfterStep(Real64.INSTANCE, h).item();
        assertThat(c[0][0]).isEqualTo(base);
        double first = (up - down) / (2 * h);
        double second = (up - 2 * base + down) / (h * h) / 2;
        assertThat(Math.abs(second)).as("second derivative is not trivially zero").isGreaterThan(1e-6);
        assertThat(c[0][1]).isCloseTo(first, Offset.offset(1e-6 * Math.abs(first)));
        assertThat(c[0][2]).isCloseTo(second, Offset.offset(1e-4 * Math.abs(second)));
    }

    /** The unweighted loss after one SGD step on the weighted loss. */
    private NDArray lossAfterStep(Algebra algebra, double eps) {
        Mlp model = new Mlp(algebra, new Rng(11), new int[] {FEATURES, 6, CLASSES}, Activation.GELU, 0.0);
        Sgd sgd = new Sgd(model.trainableParameters(), 1.0, 0.0);
        loss(model, algebra, eps).backward();
        sgd.step();
        Tensor x = Tensor.constant(NDArray.of(algebra, inputs, BATCH, FEATURES));
        return Functional.crossEntropy(model.forward(x), targets).value();
    }

    @Test
    void transformerGradientsCarryTheWeightDerivative() {
        GptConfig config = GptConfig.tinyCharacterModel(7);
        int batch = 2;
        int time = 5;
        Rng rng = new Rng(9);
        int[] tokens = new int[batch * time];
        int[] next = new int[batch * time];
        double[] positionPsi = new double[batch * time];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = rng.nextInt(7);
            next[i] = rng.nextInt(7);
            positionPsi[i] = 2 * rng.nextDouble() - 1;
        }
        Series s = Series.of(1);
        List<NDArray> series = gptGradients(s, config, tokens, next, batch, time,
                Tensor.constant(s.linear(ones(batch * time), NDArray.of(Real64.INSTANCE, positionPsi, batch * time), null)));
        checkAgainstF64(series, eps -> gptGradients(Real64.INSTANCE, config, tokens, next, batch, time,
                Tensor.constant(NDArray.of(Real64.INSTANCE, weights(positionPsi, eps), batch * time))), "GPT gradients");
    }

    @Test
    void convolutionAndPoolingGradientsCarryTheWeightDerivative() {
        Rng rng = new Rng(13);
        double[] images = uniform(rng, 4 * 2 * 6 * 6);
        double[] kernel = uniform(rng, 3 * 2 * 3 * 3);
        double[] bias = uniform(rng, 3);
        double[] head = uniform(rng, CLASSES * 3 * 3 * 3);
        int[] labels = labels(rng, 4);
        double[] imagePsi = uniform(rng, 4);
        java.util.function.BiFunction<Algebra, NDArray, List<NDArray>> run = (algebra, w) -> {
            List<Tensor> params = List.of(Tensor.parameter(NDArray.of(algebra, kernel, 3, 2, 3, 3)),
                    Tensor.parameter(NDArray.of(algebra, bias, 3)),
                    Tensor.parameter(NDArray.of(algebra, head, CLASSES, 27)));
            Tensor x = Tensor.constant(NDArray.of(algebra, images, 4, 2, 6, 6));
            Tensor h = org.lethe.autograd.Convolution.conv2d(x, params.get(0), params.get(1), 1, 1).tanh();
            h = org.lethe.autograd.Convolution.maxPool2d(h, 2).reshape(4, 27);
            Tensor logits = h.matmul(params.get(2), false, true);
            Functional.crossEntropy(logits, labels, Tensor.constant(w)).backward();
            List<NDArray> grads = new ArrayList<>();
            for (Tensor p : params) {
                grads.add(p.grad());
            }
            return grads;
        };
        Series s = Series.of(1);
        List<NDArray> series = run.apply(s, s.linear(ones(4), NDArray.of(Real64.INSTANCE, imagePsi, 4), null));
        checkAgainstF64(series, eps -> run.apply(Real64.INSTANCE, NDArray.of(Real64.INSTANCE, weights(imagePsi, eps), 4)),
                "convolution gradients");
    }

    // ---------------------------------------------------------------- runs

    /**
     * With no optimiser: the parameter gradients of one weighted loss. With one: the parameters after three
     * training steps on the weighted loss.
     */
    private List<NDArray> run(Algebra algebra, Activation activation, double eps,
                              java.util.function.Function<List<Tensor>, Optimizer> optimiser) {
        return algebra instanceof Series
                ? run(algebra, activation, psi, null, optimiser)
                : run(algebra, activation, weights(psi, eps), null, optimiser);
    }

    /**
     * As above with explicit weights: in F64 {@code w} are the weights; in a series algebra the weights are
     * {@code 1 + (w + i chi) z} ({@code chi} null for zero).
     */
    private List<NDArray> run(Algebra algebra, Activation activation, double[] w, double[] chi,
                              java.util.function.Function<List<Tensor>, Optimizer> optimiser) {
        Mlp model = new Mlp(algebra, new Rng(7), new int[] {FEATURES, 6, CLASSES}, activation, 0.0);
        List<Tensor> params = model.trainableParameters();
        if (optimiser == null) {
            loss(model, algebra, w, chi).backward();
            List<NDArray> grads = new ArrayList<>();
            for (Tensor p : params) {
                grads.add(p.grad());
            }
            return grads;
        }
        Optimizer opt = optimiser.apply(params);
        for (int step = 0; step < 3; step++) {
            opt.zeroGrad();
            loss(model, algebra, w, chi).backward();
            opt.step();
        }
        List<NDArray> values = new ArrayList<>();
        for (Tensor p : params) {
            values.add(p.value());
        }
        return values;
    }

    /** Weighted cross-entropy with weights {@code 1 + psi z} in a series algebra, {@code 1 + eps psi} in F64. */
    private Tensor loss(Mlp model, Algebra algebra, double eps) {
        return algebra instanceof Series ? loss(model, algebra, psi, null) : loss(model, algebra, weights(psi, eps), null);
    }

    /** Weighted cross-entropy; {@code w} and {@code chi} as in {@link #run(Algebra, Activation, double[], double[], java.util.function.Function)}. */
    private Tensor loss(Mlp model, Algebra algebra, double[] w, double[] chi) {
        Tensor x = Tensor.constant(NDArray.of(algebra, inputs, BATCH, FEATURES));
        NDArray weights = algebra instanceof Series
                ? ((Series) algebra).linear(ones(BATCH), NDArray.of(Real64.INSTANCE, w, BATCH),
                        chi == null ? null : NDArray.of(Real64.INSTANCE, chi, BATCH))
                : NDArray.of(algebra, w, BATCH);
        return Functional.crossEntropy(model.forward(x), targets, Tensor.constant(weights));
    }

    private static List<NDArray> gptGradients(Algebra algebra, GptConfig config, int[] tokens, int[] next, int batch,
                                              int time, Tensor weights) {
        Gpt gpt = new Gpt(algebra, new Rng(5), config);
        gpt.loss(tokens, next, batch, time, weights).backward();
        List<NDArray> grads = new ArrayList<>();
        for (Tensor p : gpt.trainableParameters()) {
            grads.add(p.grad());
        }
        return grads;
    }

    /**
     * Constant terms equal the F64 run at {@code eps = 0} exactly; {@code z} coefficients match central
     * differences of the F64 run in {@code eps} to {@link #TOL} relative error over all elements.
     */
    private static void checkAgainstF64(List<NDArray> series, DoubleFunction<List<NDArray>> f64, String what) {
        checkAgainstF64(series, f64, false, what);
    }

    /** As above, comparing the real or the imaginary parts of the {@code z} coefficients. */
    private static void checkAgainstF64(List<NDArray> series, DoubleFunction<List<NDArray>> f64, boolean imaginary,
                                        String what) {
        List<NDArray> base = f64.apply(0);
        List<NDArray> up = f64.apply(H);
        List<NDArray> down = f64.apply(-H);
        double num = 0;
        double den = 0;
        for (int i = 0; i < series.size(); i++) {
            assertThat(Series.plane(series.get(i), 0, false).toDoubles()).as(what + ": constant term of " + i)
                    .isEqualTo(base.get(i).toDoubles());
            double[] coefficient = Series.plane(series.get(i), 1, imaginary).toDoubles();
            double[] u = up.get(i).toDoubles();
            double[] d = down.get(i).toDoubles();
            for (int j = 0; j < coefficient.length; j++) {
                double numeric = (u[j] - d[j]) / (2 * H);
                num += (coefficient[j] - numeric) * (coefficient[j] - numeric);
                den += numeric * numeric + coefficient[j] * coefficient[j];
            }
        }
        assertThat(den).as(what + ": derivative is not trivially zero").isGreaterThan(1e-12);
        assertThat(Math.sqrt(num / den)).as(what + ": relative error of the z coefficients").isLessThan(TOL);
    }

    private static double[] weights(double[] psi, double eps) {
        double[] w = new double[psi.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + eps * psi[i];
        }
        return w;
    }

    private static NDArray ones(int n) {
        return NDArray.full(Real64.INSTANCE, 1.0, n);
    }

    private static double[] uniform(Rng rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * rng.nextDouble() - 1;
        }
        return v;
    }

    private static int[] labels(Rng rng, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(CLASSES);
        }
        return v;
    }
}
