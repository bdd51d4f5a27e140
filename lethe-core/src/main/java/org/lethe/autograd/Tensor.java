package org.lethe.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.BinaryOp;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Shapes;
import org.lethe.tensor.UnaryOp;

/**
 * A value in a differentiable computation: an {@link NDArray} plus, when gradients are wanted, the record of
 * the operation that produced it. The records reachable from a loss form the tape that {@link #backward()}
 * replays in reverse.
 *
 * <p>Leaves are created with {@link #parameter} or {@link #constant}. Operations on tensors that require
 * gradients (outside a {@link GradMode#noGrad()} scope) are recorded; all others produce plain constants.
 * Element-wise operations broadcast like NumPy.
 */
public final class Tensor {
    private NDArray value;
    private NDArray grad;
    private boolean requiresGrad;
    private boolean retainGrad;
    private final Tensor[] inputs;
    private final Backward backward;
    private final String op;
    private List<Consumer<NDArray>> gradHooks;

    private Tensor(NDArray value, boolean requiresGrad, Tensor[] inputs, Backward backward, String op) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.inputs = inputs;
        this.backward = backward;
        this.op = op;
    }

    /** A leaf that gradients flow to (a trainable weight, or an input to differentiate). */
    public static Tensor parameter(NDArray value) {
        return new Tensor(value, true, null, null, "leaf");
    }

    /** A leaf that is not differentiated (data, targets, masks). */
    public static Tensor constant(NDArray value) {
        return new Tensor(value, false, null, null, "leaf");
    }

    /**
     * Records an operation. If any input requires gradients and recording is on, the result remembers its
     * inputs and gradient rule; otherwise it is a constant.
     */
    public static Tensor record(String op, NDArray value, Backward backward, Tensor... inputs) {
        if (GradMode.enabled()) {
            for (Tensor t : inputs) {
                if (t.requiresGrad) {
                    return new Tensor(value, true, inputs, backward, op);
                }
            }
        }
        return new Tensor(value, false, null, null, op);
    }

    // ---------------------------------------------------------------- state

    /** The current value. */
    public NDArray value() {
        return value;
    }

    /** Replaces a leaf's value (loading weights); shapes must match. */
    public void setValue(NDArray newValue) {
        if (!isLeaf()) {
            throw new IllegalStateException("only leaves can be assigned");
        }
        if (!java.util.Arrays.equals(value.shape(), newValue.shape())) {
            throw new IllegalArgumentException("shape mismatch: " + Shapes.str(value.shape()) + " vs " + Shapes.str(newValue.shape()));
        }
        value = newValue;
    }

    /** The accumulated gradient of a leaf (or retained intermediate), or null before any backward pass. */
    public NDArray grad() {
        return grad;
    }

    /** Sets or clears ({@code null}) the accumulated gradient. */
    public void setGrad(NDArray g) {
        grad = g;
        reusableGrad = null;
    }

    /**
     * Multiplies the accumulated gradient elementwise by {@code factor} (same shape and algebra), if there is one.
     * The product overwrites the array when it is this leaf's alone, so it stays reusable by the next pass; a
     * gradient array that may be shared (an add rule hands one array to both its inputs) is replaced instead, so
     * that no other tensor's gradient changes with it.
     */
    public void mulGrad(NDArray factor) {
        if (grad == null) {
            return;
        }
        if (grad == producedGrad) {
            grad.binaryInPlace(BinaryOp.MUL, factor);
        } else {
            setGrad(grad.mul(factor));
        }
    }

    // Gradient buffer reuse. A weight's gradient product writes into the array that held the previous step's
    // gradient instead of a fresh one, which saves allocating and zeroing megabytes per step and keeps the array
    // in cache. Only an array that is certainly nobody else's is reused: the one a product rule made for this leaf
    // alone, still the gradient unchanged (a sum, a copy, a clipped or an assigned gradient is another array).
    private NDArray producedGrad;
    private NDArray reusableGrad;

    /**
     * Clears the gradient like {@code setGrad(null)}, and keeps its array for the next backward pass to write
     * this leaf's gradient into, when the array is the engine's own. Optimisers call it between steps; an array
     * read from {@link #grad()} before the call may be overwritten after it (copy it to keep it).
     */
    public void releaseGrad() {
        NDArray reusable = grad != null && grad == producedGrad && gradHooks == null ? grad : null;
        setGrad(null);
        reusableGrad = reusable;
    }

    /** A released gradient array with the shape and algebra of {@code like}, taken for reuse, or null. */
    NDArray takeReusableGrad(NDArray like) {
        NDArray r = reusableGrad;
        reusableGrad = null;
        if (r == null || r.offset() != 0 || r.algebra() != like.algebra() || !java.util.Arrays.equals(r.shape(), like.shape())) {
            return null;
        }
        return r;
    }

    /** Records that a gradient rule made {@code g} for this leaf alone. */
    void noteProducedGrad(NDArray g) {
        producedGrad = g;
    }


    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Freezes ({@code false}) or unfreezes a leaf. */
    public void setRequiresGrad(boolean requires) {
        if (!isLeaf()) {
            throw new IllegalStateException("only leaves can be frozen or unfrozen");
        }
        requiresGrad = requires;
    }

    public boolean isLeaf() {
        return inputs == null;
    }

    /** Keep this intermediate's gradient in {@link #grad()} after {@link #backward()}. */
    public Tensor retainGrad() {
        retainGrad = true;
        return this;
    }

    boolean retainsGrad() {
        return retainGrad;
    }

    /** Calls {@code hook} with this tensor's complete gradient during each backward pass through it. */
    public Tensor registerGradHook(Consumer<NDArray> hook) {
        if (gradHooks == null) {
            gradHooks = new ArrayList<>();
        }
        gradHooks.add(hook);
        return this;
    }

    List<Consumer<NDArray>> gradHooks() {
        return gradHooks;
    }

    Tensor[] inputs() {
        return inputs;
    }

    Backward backwardRule() {
        return backward;
    }

    /** The name of the operation that produced this tensor. */
    public String op() {
        return op;
    }

    public int[] shape() {
        return value.shape();
    }

    public int dim(int axis) {
        return value.dim(axis);
    }

    public int rank() {
        return value.rank();
    }

    public Algebra algebra() {
        return value.algebra();
    }

    /** The single value of a size-1 tensor. */
    public double item() {
        return value.item();
    }

    /** Back-propagates from this scalar into every leaf that requires gradients. */
    public void backward() {
        Autograd.backward(this);
    }

    /** A constant with this tensor's value: gradients stop here. */
    public Tensor detach() {
        return constant(value);
    }

    // ---------------------------------------------------------------- element-wise

    public Tensor add(Tensor b) {
        return binary(BinaryOp.ADD, b);
    }

    public Tensor sub(Tensor b) {
        return binary(BinaryOp.SUB, b);
    }

    public Tensor mul(Tensor b) {
        return binary(BinaryOp.MUL, b);
    }

    public Tensor div(Tensor b) {
        return binary(BinaryOp.DIV, b);
    }

    private Tensor binary(BinaryOp opKind, Tensor b) {
        NDArray x = value;
        NDArray y = b.value;
        NDArray out = x.binary(opKind, y);
        return record(opKind.name().toLowerCase(), out, (g, needs) -> {
            NDArray gx = null;
            NDArray gy = null;
            switch (opKind) {
                case ADD:
                    gx = needs[0] ? g.sumTo(x.shape()) : null;
                    gy = needs[1] ? g.sumTo(y.shape()) : null;
                    break;
                case SUB:
                    gx = needs[0] ? g.sumTo(x.shape()) : null;
                    gy = needs[1] ? g.neg().sumTo(y.shape()) : null;
                    break;
                case MUL:
                    gx = needs[0] ? g.mul(y).sumTo(x.shape()) : null;
                    gy = needs[1] ? g.mul(x).sumTo(y.shape()) : null;
                    break;
                case DIV:
                    gx = needs[0] ? g.div(y).sumTo(x.shape()) : null;
                    gy = needs[1] ? g.mul(out).div(y).neg().sumTo(y.shape()) : null;
                    break;
                default:
                    throw new IllegalStateException(opKind.name());
            }
            return new NDArray[] {gx, gy};
        }, this, b);
    }

    /** {@code this * scale + shift} with real constants. */
    public Tensor affine(double scale, double shift) {
        return record("affine", value.affine(scale, shift), (g, needs) -> new NDArray[] {g.mul(scale)}, this);
    }

    public Tensor mul(double s) {
        return affine(s, 0.0);
    }

    public Tensor add(double s) {
        return affine(1.0, s);
    }

    public Tensor neg() {
        return affine(-1.0, 0.0);
    }

    public Tensor exp() {
        NDArray out = value.exp();
        return record("exp", out, (g, needs) -> new NDArray[] {g.mul(out)}, this);
    }

    public Tensor log() {
        NDArray x = value;
        return record("log", x.log(), (g, needs) -> new NDArray[] {g.div(x)}, this);
    }

    public Tensor sqrt() {
        NDArray out = value.sqrt();
        return record("sqrt", out, (g, needs) -> new NDArray[] {g.div(out).mul(0.5)}, this);
    }

    /** Element-wise real power {@code x^p}. */
    public Tensor pow(double p) {
        NDArray x = value;
        return record("pow", x.pow(p), (g, needs) -> new NDArray[] {g.mul(x.pow(p - 1.0)).mul(p)}, this);
    }

    public Tensor tanh() {
        NDArray out = value.map(UnaryOp.TANH);
        return record("tanh", out, (g, needs) -> new NDArray[] {g.mul(out.map(UnaryOp.SQUARE).affine(-1.0, 1.0))}, this);
    }

    public Tensor relu() {
        NDArray x = value;
        return record("relu", x.map(UnaryOp.RELU), (g, needs) -> new NDArray[] {x.selectPositive(g)}, this);
    }

    /** GELU with the exact error function: {@code x * Phi(x)}. */
    public Tensor gelu() {
        NDArray x = value;
        return record("gelu", x.map(UnaryOp.GELU), (g, needs) -> {
            // d/dx x Phi(x) = Phi(x) + x phi(x), with Phi(x) = (1 + erf(x / sqrt 2)) / 2.
            NDArray cdf = x.mul(1.0 / Math.sqrt(2.0)).map(UnaryOp.ERF).affine(0.5, 0.5);
            NDArray pdf = x.map(UnaryOp.SQUARE).mul(-0.5).exp().mul(1.0 / Math.sqrt(2.0 * Math.PI));
            return new NDArray[] {g.mul(cdf.add(x.mul(pdf)))};
        }, this);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum over an axis. */
    public Tensor sum(int axis, boolean keepDims) {
        int[] inShape = value.shape();
        int ax = Shapes.axis(axis, inShape.length);
        NDArray out = value.sum(ax, keepDims);
        return record("sum", out, (g, needs) -> {
            int[] kept = inShape.clone();
            kept[ax] = 1;
            return new NDArray[] {NDArray.zeros(g.algebra(), inShape).add(g.reshape(kept))};
        }, this);
    }

    /** Sum of all elements (rank 0). */
    public Tensor sum() {
        int[] inShape = value.shape();
        return record("sum", value.sumAll(), (g, needs) -> new NDArray[] {NDArray.zeros(g.algebra(), inShape).add(g)}, this);
    }

    public Tensor mean(int axis, boolean keepDims) {
        return sum(axis, keepDims).mul(1.0 / value.dim(axis));
    }

    public Tensor mean() {
        return sum().mul(1.0 / value.size());
    }

    /** Maximum over an axis (by key); the gradient goes to the first maximal element. */
    public Tensor max(int axis, boolean keepDims) {
        int[] inShape = value.shape();
        int ax = Shapes.axis(axis, inShape.length);
        int[] map = argmaxMap(value, ax);
        NDArray out = value.gather(map, value.reducedShape(ax, keepDims));
        return record("max", out, (g, needs) -> new NDArray[] {g.scatterAdd(map, inShape)}, this);
    }

    /** Flat source index of the maximum of each reduced position. */
    static int[] argmaxMap(NDArray x, int ax) {
        int[] shape = x.shape();
        int len = shape[ax];
        int inner = Shapes.product(shape, ax + 1, shape.length);
        int[] arg = x.argmax(ax);
        int[] map = new int[arg.length];
        for (int i = 0; i < arg.length; i++) {
            int o = i / inner;
            int in = i % inner;
            map[i] = (o * len + arg[i]) * inner + in;
        }
        return map;
    }

    // ---------------------------------------------------------------- shapes

    public Tensor reshape(int... shape) {
        int[] inShape = value.shape();
        return record("reshape", value.reshape(shape), (g, needs) -> new NDArray[] {g.reshape(inShape)}, this);
    }

    public Tensor permute(int... perm) {
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        return record("permute", value.permute(perm), (g, needs) -> new NDArray[] {g.permute(inverse)}, this);
    }

    public Tensor transpose(int axisA, int axisB) {
        int a = Shapes.axis(axisA, rank());
        int b = Shapes.axis(axisB, rank());
        return record("transpose", value.transpose(a, b), (g, needs) -> new NDArray[] {g.transpose(a, b)}, this);
    }

    /** Elements {@code [from, to)} along an axis. */
    public Tensor slice(int axis, int from, int to) {
        int[] inShape = value.shape();
        int ax = Shapes.axis(axis, inShape.length);
        return record("slice", value.slice(ax, from, to), (g, needs) -> {
            List<NDArray> parts = new ArrayList<>();
            if (from > 0) {
                int[] s = inShape.clone();
                s[ax] = from;
                parts.add(NDArray.zeros(g.algebra(), s));
            }
            parts.add(g);
            if (to < inShape[ax]) {
                int[] s = inShape.clone();
                s[ax] = inShape[ax] - to;
                parts.add(NDArray.zeros(g.algebra(), s));
            }
            return new NDArray[] {NDArray.concat(ax, parts.toArray(new NDArray[0]))};
        }, this);
    }

    /** Joins tensors along an axis. */
    public static Tensor concat(int axis, Tensor... parts) {
        NDArray[] values = new NDArray[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parts[i].value;
        }
        NDArray out = NDArray.concat(axis, values);
        int ax = Shapes.axis(axis, out.rank());
        return record("concat", out, (g, needs) -> {
            NDArray[] grads = new NDArray[parts.length];
            int pos = 0;
            for (int i = 0; i < parts.length; i++) {
                int len = values[i].dim(ax);
                grads[i] = needs[i] ? g.slice(ax, pos, pos + len) : null;
                pos += len;
            }
            return grads;
        }, parts);
    }

    // ---------------------------------------------------------------- linear algebra

    /** Matrix product of the last two axes (batched over leading axes), see {@link NDArray#matmul}. */
    public Tensor matmul(Tensor b) {
        return matmul(b, false, false);
    }

    /** {@code op(this) op(b)}, where {@code op} transposes the last two axes when asked. */
    public Tensor matmul(Tensor b, boolean transA, boolean transB) {
        NDArray x = value;
        NDArray y = b.value;
        NDArray out = x.matmul(y, transA, transB);
        return record("matmul", out, (g, needs) -> {
            NDArray gx = null;
            NDArray gy = null;
            if (needs[0]) {
                // C = op(A) op(B): dop(A) = G op(B)^T, then undo op.
                gx = transA ? y.matmul(g, transB, true) : g.matmul(y, false, !transB);
            }
            if (needs[1]) {
                if (y.rank() == 2 && x.rank() > 2) {
                    NDArray x2 = transA ? null : x.reshape(-1, x.dim(-1));
                    NDArray g2 = g.reshape(-1, g.dim(-1));
                    if (x2 != null) {
                        gy = transB ? g2.matmul(x2, true, false) : x2.matmul(g2, true, false);
                    } else {
                        gy = sumBatches(x, g, transA, transB, y.shape());
                    }
                } else if (b.isLeaf() && x.rank() == 2 && Autograd.storesLeafGradients()) {
                    // A weight's gradient for backward(): written into its previous step's array when that was
                    // released.
                    NDArray reuse = b.takeReusableGrad(y);
                    gy = transB ? product(g, x, true, transA, reuse) : product(x, g, !transA, false, reuse);
                    b.noteProducedGrad(gy);
                } else {
                    gy = transB ? g.matmul(x, true, transA) : x.matmul(g, !transA, false);
                }
            }
            return new NDArray[] {gx, gy};
        }, this, b);
    }

    // op(a) op(b) in a fresh array, or in {@code into} when given.
    private static NDArray product(NDArray a, NDArray b, boolean transA, boolean transB, NDArray into) {
        return into == null ? a.matmul(b, transA, transB) : a.matmulInto(b, transA, transB, into);
    }

    private static NDArray sumBatches(NDArray x, NDArray g, boolean transA, boolean transB, int[] yShape) {
        int batch = Shapes.product(x.shape(), 0, x.rank() - 2);
        NDArray x3 = x.reshape(batch, x.dim(-2), x.dim(-1));
        NDArray g3 = g.reshape(batch, g.dim(-2), g.dim(-1));
        NDArray per = transB ? g3.matmul(x3, true, transA) : x3.matmul(g3, !transA, false);
        return per.sum(0, false).reshape(yShape);
    }

    @Override
    public String toString() {
        return "Tensor(" + op + ", " + value + (requiresGrad ? ", requiresGrad" : "") + ")";
    }
}
