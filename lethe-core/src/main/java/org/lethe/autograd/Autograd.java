package org.lethe.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Set;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Storage;
import org.lethe.tensor.Shapes;

/**
 * Reverse-mode differentiation over the tape of recorded operations. The tape is the set of records reachable
 * from the loss, replayed in reverse topological order; gradient rules run with recording off, so they compute
 * plain arrays in whatever algebra the forward pass used.
 */
public final class Autograd {
    private Autograd() {
    }

    // True on a thread while backward() computes gradients that it will store in leaves: only then may a
    // gradient rule write into a leaf's released gradient array (gradients() hands its results to the caller).
    private static final ThreadLocal<boolean[]> STORING = ThreadLocal.withInitial(() -> new boolean[1]);

    static boolean storesLeafGradients() {
        return STORING.get()[0];
    }

    /** Accumulates d(loss)/d(leaf) into every reachable leaf that requires gradients (and retained tensors). */
    public static void backward(Tensor loss) {
        boolean[] storing = STORING.get();
        boolean outer = storing[0];
        Map<Tensor, NDArray> grads;
        storing[0] = true;
        try {
            grads = run(loss, null);
        } finally {
            storing[0] = outer;
        }
        // Gradient rules may hand the same storage to several tensors (x + y passes one array to both);
        // stored gradients get their own copy so that in-place clipping or scaling touches only one of them.
        Set<Storage> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<Tensor, NDArray> e : grads.entrySet()) {
            Tensor t = e.getKey();
            if ((t.isLeaf() && t.requiresGrad()) || t.retainsGrad()) {
                NDArray g = e.getValue();
                if (t.grad() != null) {
                    t.setGrad(t.grad().add(g));
                } else {
                    t.setGrad(handedOut.add(g.storage()) ? g : g.copy());
                }
            }
        }
    }

    /**
     * Gradients of a scalar with respect to any tensors of its computation, leaves or intermediates, without
     * touching their {@link Tensor#grad()}. A tensor the loss does not depend on gets a zero gradient.
     */
    public static List<NDArray> gradients(Tensor loss, List<Tensor> wrt) {
        Map<Tensor, NDArray> grads = run(loss, wrt);
        List<NDArray> out = new ArrayList<>(wrt.size());
        for (Tensor t : wrt) {
            NDArray g = grads.get(t);
            out.add(g != null ? g : NDArray.zeros(t.algebra(), t.shape()));
        }
        return out;
    }

    private static Map<Tensor, NDArray> run(Tensor loss, List<Tensor> keep) {
        if (loss.value().size() != 1) {
            throw new IllegalArgumentException("backward needs a scalar loss, got shape " + Shapes.str(loss.shape()));
        }
        if (!loss.requiresGrad()) {
            throw new IllegalStateException("the loss does not depend on any tensor that requires gradients");
        }
        List<Tensor> order = topologicalOrder(loss);
        Map<Tensor, NDArray> grads = new IdentityHashMap<>();
        Map<Tensor, NDArray> result = new IdentityHashMap<>();
        Set<Tensor> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        if (keep != null) {
            kept.addAll(keep);
        }
        grads.put(loss, NDArray.full(loss.algebra(), 1.0, loss.shape()));
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                NDArray g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                if (t.gradHooks() != null) {
                    for (Consumer<NDArray> hook : t.gradHooks()) {
                        hook.accept(g);
                    }
                }
                boolean wanted = keep == null ? (t.isLeaf() || t.retainsGrad()) : kept.contains(t);
                if (wanted) {
                    result.put(t, g);
                }
                if (t.isLeaf()) {
                    continue;
                }
                Tensor[] inputs = t.inputs();
                boolean[] needs = new boolean[inputs.length];
                for (int j = 0; j < inputs.length; j++) {
                    needs[j] = inputs[j].requiresGrad();
                }
                NDArray[] inputGrads = t.backwardRule().apply(g, needs);
                for (int j = 0; j < inputs.length; j++) {
                    if (!needs[j] || inputGrads[j] == null) {
                        continue;
                    }
                    NDArray prev = grads.get(inputs[j]);
                    grads.put(inputs[j], prev == null ? inputGrads[j] : prev.add(inputGrads[j]));
                }
            }
        }
        return result;
    }

    /** Tensors that require gradients and reach the loss, inputs before outputs. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = t.isLeaf() ? new Tensor[0] : t.inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor child = inputs[next];
                if (child.requiresGrad() && visited.put(child, Boolean.TRUE) == null) {
                    stack.push(new Object[] {child, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
