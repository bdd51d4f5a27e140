package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lethe.nn.Layer;
import org.lethe.nn.LayerHook;
import org.lethe.nn.Linear;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

/**
 * Certified removal for a convex head (Guo, Goldstein, Hannun and van der Maaten 2020, "Certified data removal from
 * machine learning models"). The model's last linear layer is replaced by one-vs-rest L2-regularised logistic
 * regressions on the frozen features of the layers below (scaled to norm at most 1, a constant feature for the
 * bias), each trained with the loss perturbation b.w, b ~ N(0, sigma^2 I). Forget examples are then removed one at a
 * time, each by one Newton step on the remaining examples; after each, the data-dependent bound gamma |X|_2 |step|
 * |X step| on the gradient residual is added to the accumulated bound. While the accumulated bound (joined over the
 * classes as the norm of their bounds) stays within sigma epsilon / sqrt(2 log(1.5 / delta)), the head is
 * (epsilon, delta)-indistinguishable from one trained on the remaining examples alone (Guo et al., Theorem 3);
 * when a removal would exceed it, the head is retrained on the remaining examples with a fresh b and the bound
 * restarts from zero. The record states epsilon, delta, sigma, the accumulated bound and the budget.
 *
 * <p>Scope, plainly: the certificate covers the head given the features. The layers below were trained on the
 * forget set and are left as they are, so the model as a whole is not certified. Lethe has no training mode that
 * keeps a perturbed head and its spent budget with a model yet; this method therefore trains the perturbed head
 * itself, on all training examples, at the start of each deletion (the head is small: a few Newton iterations),
 * and the budget is spent within one deletion rather than across successive ones.
 */
public final class CertifiedRemovalUnlearning {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("certified_removal")
            .approximate(CertifiedRemovalUnlearning::apply)
            .parameter(MethodParameter.real("epsilon", 1.0, "epsilon of the (epsilon, delta) guarantee"))
            .parameter(MethodParameter.real("delta", 1e-4, "delta of the (epsilon, delta) guarantee"))
            .parameter(MethodParameter.real("sigma", 1.0, "standard deviation of the loss perturbation b"))
            .parameter(MethodParameter.real("lambda", 1e-3, "L2 regularisation, times the number of examples"))
            .summary("approximate, certified for the head only: linear head on frozen features trained with loss "
                    + "perturbation, one Newton step per removed example, retrained when the budget is spent")
            .build();

    private static final int FIT_ITERATIONS = 25;
    private static final int POWER_ITERATIONS = 50;

    private CertifiedRemovalUnlearning() {
    }

    private static void apply(ForgetProblem p) {
        double epsilon = p.settings().real("epsilon");
        double delta = p.settings().real("delta");
        double sigma = p.settings().real("sigma");
        double lambda = p.settings().real("lambda");
        if (!(epsilon > 0) || !(delta > 0 && delta < 1) || !(sigma > 0) || !(lambda > 0)) {
            throw new IllegalArgumentException("certified_removal needs epsilon > 0, 0 < delta < 1, sigma > 0 and "
                    + "lambda > 0");
        }
        Linear head = lastLinear((Module) p.model());
        if (head == null || head.outFeatures() != p.classCount()) {
            throw new IllegalArgumentException("certified_removal needs a classifier whose last layer is linear");
        }
        int n = p.train().size();
        double[][] features = features(p, head, n);
        double scale = 0;
        for (double[] f : features) {
            scale = Math.max(scale, PerturbedLogisticHead.norm(f));
        }
        scale = scale > 0 ? scale : 1;
        int d = head.inFeatures() + 1;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[d];
            for (int j = 0; j < d - 1; j++) {
                rows[i][j] = features[i][j] / (scale * Math.sqrt(2));
            }
            rows[i][d - 1] = 1 / Math.sqrt(2);
        }
        int classes = p.classCount();
        int[] labels = p.train().labels();
        double budget = sigma * epsilon / Math.sqrt(2 * Math.log(1.5 / delta));

        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            remaining.add(i);
        }
        int draws = 0;
        PerturbedLogisticHead[] heads = perturbedHeads(p, classes, d, sigma, lambda, draws++);
        NDArray x = matrix(rows, remaining);
        double[][] w = fit(heads, x, labels, remaining);
        double[] bounds = new double[classes];
        int retrains = 0;
        // Removing rows cannot raise the spectral norm, so that of the full set serves every removal.
        double spectral = PerturbedLogisticHead.spectralNorm(x, POWER_ITERATIONS);
        for (int removed : p.forget()) {
            remaining.remove(Integer.valueOf(removed));
            x = matrix(rows, remaining);
            double[][] next = new double[classes][];
            double[] added = new double[classes];
            for (int c = 0; c < classes; c++) {
                double[] y = targets(labels, remaining, c);
                PerturbedLogisticHead.NewtonStep newton = heads[c].newtonStep(x, y, w[c]);
                next[c] = newton.w();
                double[] step = new double[d];
                for (int j = 0; j < d; j++) {
                    step[j] = next[c][j] - w[c][j];
                }
                // The bound is for an exact Newton step; what the iterative solve left adds to the residual.
                added[c] = PerturbedLogisticHead.residualBound(x, spectral, step) + newton.solveResidual();
            }
            if (joined(bounds, added) > budget) {
                heads = perturbedHeads(p, classes, d, sigma, lambda, draws++);
                w = fit(heads, x, labels, remaining);
                Arrays.fill(bounds, 0);
                retrains++;
            } else {
                w = next;
                for (int c = 0; c < classes; c++) {
                    bounds[c] += added[c];
                }
            }
        }
        write(head, w, scale, p);
        p.note("epsilon", epsilon);
        p.note("delta", delta);
        p.note("sigma", sigma);
        p.note("lambda", lambda);
        p.note("gradient_residual_bound", joined(bounds, new double[classes]));
        p.note("residual_budget", budget);
        p.note("head_retrains", retrains);
        p.note("newton_removals", p.forget().length - retrains);
        p.note("certified_scope", "the last linear layer, given the frozen features below it");
    }

    /** The norm over classes of each class's accumulated bound plus {@code added}. */
    private static double joined(double[] bounds, double[] added) {
        double s = 0;
        for (int c = 0; c < bounds.length; c++) {
            s += (bounds[c] + added[c]) * (bounds[c] + added[c]);
        }
        return Math.sqrt(s);
    }

    private static PerturbedLogisticHead[] perturbedHeads(ForgetProblem p, int classes, int d, double sigma,
                                                         double lambda, int draw) {
        Rng rng = p.rng(0xCE47_0000L + draw);
        PerturbedLogisticHead[] heads = new PerturbedLogisticHead[classes];
        for (int c = 0; c < classes; c++) {
            double[] b = new double[d];
            for (int j = 0; j < d; j++) {
                b[j] = sigma * rng.nextGaussian();
            }
            heads[c] = new PerturbedLogisticHead(lambda, b);
        }
        return heads;
    }

    private static double[][] fit(PerturbedLogisticHead[] heads, NDArray x, int[] labels, List<Integer> examples) {
        double[][] w = new double[heads.length][];
        for (int c = 0; c < heads.length; c++) {
            w[c] = heads[c].fit(x, targets(labels, examples, c), FIT_ITERATIONS);
        }
        return w;
    }

    private static double[] targets(int[] labels, List<Integer> examples, int c) {
        double[] y = new double[examples.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[examples.get(i)] == c ? 1 : -1;
        }
        return y;
    }

    private static NDArray matrix(double[][] rows, List<Integer> examples) {
        int d = rows[0].length;
        double[] out = new double[examples.size() * d];
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(rows[examples.get(i)], 0, out, i * d, d);
        }
        return NDArray.of(Real64.INSTANCE, out, examples.size(), d);
    }

    /** The inputs of {@code head} for every training example, captured by a hook while the model runs. */
    private static double[][] features(ForgetProblem p, Linear head, int n) {
        double[][] out = new double[n][];
        int[] cursor = {0};
        LayerHook capture = new LayerHook() {
            @Override
            public void onForward(Layer layer, NDArray input) {
                int rows = input.shape()[0];
                int width = input.size() / rows;
                double[] v = input.toDoubles();
                for (int r = 0; r < rows; r++) {
                    out[cursor[0]++] = Arrays.copyOfRange(v, r * width, (r + 1) * width);
                }
            }

            @Override
            public void onBackward(Layer layer, NDArray input, NDArray gradOutput) {
            }
        };
        head.addHook(capture);
        try {
            for (int from = 0; from < n; from += 512) {
                int[] chunk = new int[Math.min(512, n - from)];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = from + i;
                }
                p.trainTask().logits(p.model(), chunk);
            }
        } finally {
            head.removeHook(capture);
        }
        return out;
    }

    private static void write(Linear head, double[][] w, double scale, ForgetProblem p) {
        int classes = w.length;
        int in = head.inFeatures();
        double[] weight = new double[classes * in];
        double[] bias = new double[classes];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < in; j++) {
                weight[c * in + j] = w[c][j] / (scale * Math.sqrt(2));
            }
            bias[c] = w[c][in] / Math.sqrt(2);
        }
        NDArray weights = head.weight().value();
        weights.assign(NDArray.of(Real64.INSTANCE, weight, weights.shape()).to(weights.algebra()));
        NDArray b = head.bias().value();
        b.assign(NDArray.of(Real64.INSTANCE, bias, b.shape()).to(b.algebra()));
    }

    /** The last linear layer in the model's registration order (the output layer of an MLP or the small CNN). */
    private static Linear lastLinear(Module m) {
        Linear last = m instanceof Linear l ? l : null;
        for (Module child : m.children().values()) {
            Linear found = lastLinear(child);
            if (found != null) {
                last = found;
            }
        }
        return last;
    }
}
