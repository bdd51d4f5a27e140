package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lethe.autograd.HessianVectorProduct;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.train.ClassificationTask;

/**
 * Influence removal: one Newton step towards the model trained without the forget set (Koh and Liang 2017's
 * influence function, used for deletion by Guo et al. 2020 and others). Removing examples F from an empirical risk
 * over n examples moves its minimiser by about {@code H^-1 (1/n) sum_F grad loss_i}, H the Hessian of the retained
 * examples' mean loss; the method solves {@code (H + damping I) x = (1/n) sum_F grad loss_i} by conjugate gradient,
 * with exact Hessian-vector products ({@link HessianVectorProduct}, forward-over-reverse) on a seeded sample of
 * retained examples, and adds x to the weights. For a network the Hessian is not positive definite: the damping
 * keeps the system solvable, and the solver stops early at a direction of non-positive curvature. The defaults
 * (damping 0.001, 15 iterations, 256 examples) are set on the memorising digits benchmark, where a tenth of that
 * damping and a full solve cost as much as the training and 0.003 moves the forget set too little; there the
 * solver's residual does not shrink (the damped Hessian is badly conditioned), so the step is a truncated
 * solve rather than the exact Newton step, and the deletion record says how far it got. A Newton step on a
 * network is only trusted near where its quadratic model holds: on the subjects CNN the full step cost a tenth of
 * the test accuracy. The step is therefore halved (at most {@value #MAX_HALVINGS} times) until the model keeps
 * {@code keep_accuracy} of the original's accuracy on the validation examples (held-out data methods may read);
 * the deletion record gives the scale taken.
 */
public final class InfluenceUnlearning {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("influence")
            .approximate(InfluenceUnlearning::apply)
            .parameter(MethodParameter.real("damping", 0.001, "added to the Hessian's diagonal"))
            .parameter(MethodParameter.integer("cg_iterations", 15, "conjugate-gradient iterations at most"))
            .parameter(MethodParameter.integer("hessian_examples", 256,
                    "retained examples, drawn by the seed, over which the Hessian is taken (0: all)"))
            .parameter(MethodParameter.real("scale", 1.0, "multiplies the Newton step"))
            .parameterAddedLater(MethodParameter.real("keep_accuracy", 0.98, "the step is halved until validation "
                    + "accuracy is at least this fraction of the original's (0: never halved)"), 0.0)
            .summary("approximate: one Newton (influence) step removing the forget set, solved by conjugate "
                    + "gradient with Hessian-vector products")
            .build();

    private static final Algebra F64 = Real64.INSTANCE;
    private static final int MAX_HALVINGS = 6;

    private InfluenceUnlearning() {
    }

    private static void apply(ForgetProblem p) {
        double damping = p.settings().real("damping");
        int iterations = p.settings().integer("cg_iterations");
        int sample = p.settings().integer("hessian_examples");
        double scale = p.settings().real("scale");
        double keep = p.settings().real("keep_accuracy");
        if (!(damping >= 0) || iterations < 1 || sample < 0 || Double.isInfinite(scale) || Double.isNaN(scale)
                || !(keep >= 0 && keep <= 1)) {
            throw new IllegalArgumentException("influence needs damping >= 0, cg_iterations >= 1, "
                    + "hessian_examples >= 0, a finite scale and keep_accuracy in [0, 1]");
        }
        List<Tensor> weights = ((Module) p.model()).trainableParameters();
        List<NDArray> values = new ArrayList<>();
        for (Tensor w : weights) {
            values.add(w.value().copy());
        }
        double[] rhs = flatten(removalGradient(p, weights));
        Hessian hessian = new Hessian(p, values, hessianSample(p, sample));
        ConjugateGradient.Solution x = ConjugateGradient.solve(v -> {
            double[] hv = hessian.times(v);
            for (int i = 0; i < hv.length; i++) {
                hv[i] += damping * v[i];
            }
            return hv;
        }, rhs, iterations);
        double floor = keep == 0 ? Double.NEGATIVE_INFINITY
                : keep * p.accuracy(p.original(), p.heldOutTask(), p.validation());
        double taken = scale;
        int halvings = 0;
        setWeights(weights, values, x.x(), taken);
        boolean kept = keep == 0 || p.accuracy(p.model(), p.heldOutTask(), p.validation(), floor) >= floor;
        while (!kept && halvings < MAX_HALVINGS) {
            taken /= 2;
            halvings++;
            setWeights(weights, values, x.x(), taken);
            kept = p.accuracy(p.model(), p.heldOutTask(), p.validation(), floor) >= floor;
        }
        p.note("step_scale_taken", taken);
        p.note("step_halvings", halvings);
        // After the last halving the step is kept even below the floor: the record says so.
        p.note("keep_accuracy_met", kept);
        p.note("cg_iterations_run", x.iterations());
        p.note("cg_relative_residual", x.relativeResidual());
        p.note("stopped_at_negative_curvature", x.negativeCurvature());
        p.note("step_norm", Math.abs(taken) * norm(x.x()));
        p.note("hessian_examples", hessian.examples());
    }

    /** Sets every weight to its original value plus {@code scale} times its part of {@code step}. */
    private static void setWeights(List<Tensor> weights, List<NDArray> originals, double[] step, double scale) {
        int k = 0;
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i).value();
            double[] part = new double[w.size()];
            for (int j = 0; j < part.length; j++) {
                part[j] = scale * step[k++];
            }
            NDArray moved = originals.get(i).copy();
            moved.addInPlace(NDArray.of(F64, part, w.shape()).to(moved.algebra()));
            w.assign(moved);
        }
    }

    /** (1/n) times the gradient of the forget set's summed loss, n the number of training examples. */
    private static List<NDArray> removalGradient(ForgetProblem p, List<Tensor> weights) {
        Module model = (Module) p.model();
        model.zeroGrad();
        double share = p.forget().length / (double) p.train().size();
        UnlearningLosses.crossEntropy(p.model(), p.trainTask(), p.forget()).mul(share).backward();
        List<NDArray> out = new ArrayList<>();
        for (Tensor w : weights) {
            out.add(w.grad() == null ? NDArray.zeros(F64, w.shape()) : w.grad().to(F64));
        }
        model.zeroGrad();
        return out;
    }

    private static int[] hessianSample(ForgetProblem p, int size) {
        int[] retain = p.retain();
        if (size == 0 || size >= retain.length) {
            return retain;
        }
        int[] order = p.rng(0x4E55L).permutation(retain.length);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = retain[order[i]];
        }
        Arrays.sort(out);
        return out;
    }

    /** Products with the Hessian of the mean retained loss at the original weights, through a twin model. */
    private static final class Hessian {
        private final Layer twin;
        private final List<Tensor> twinWeights;
        private final List<NDArray> values;
        private final ClassificationTask task;
        private final int[] examples;

        Hessian(ForgetProblem p, List<NDArray> values, int[] examples) {
            Module twin = p.spec().build(HessianVectorProduct.algebra(), 0);
            Map<String, Tensor> named = twin.namedParameters();
            this.twinWeights = new ArrayList<>();
            for (Map.Entry<String, Tensor> e : ((Module) p.model()).namedParameters().entrySet()) {
                if (e.getValue().requiresGrad()) {
                    twinWeights.add(named.get(e.getKey()));
                }
            }
            twin.train(false);
            this.twin = (Layer) twin;
            this.values = values;
            this.task = new ClassificationTask(p.train(), p.spec().inputShape(), HessianVectorProduct.algebra());
            this.examples = examples;
        }

        double[] times(double[] v) {
            List<NDArray> direction = new ArrayList<>();
            int k = 0;
            for (NDArray w : values) {
                direction.add(NDArray.of(F64, Arrays.copyOfRange(v, k, k + w.size()), w.shape()));
                k += w.size();
            }
            return flatten(HessianVectorProduct.compute(() -> UnlearningLosses.crossEntropy(twin, task, examples),
                    twinWeights, values, direction).product());
        }

        int examples() {
            return examples.length;
        }
    }

    private static double[] flatten(List<NDArray> arrays) {
        int n = 0;
        for (NDArray a : arrays) {
            n += a.size();
        }
        double[] out = new double[n];
        int k = 0;
        for (NDArray a : arrays) {
            double[] d = a.toDoubles();
            System.arraycopy(d, 0, out, k, d.length);
            k += d.length;
        }
        return out;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
