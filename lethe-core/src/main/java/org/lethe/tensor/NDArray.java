package org.lethe.tensor;

import java.util.Arrays;

/**
 * A dense, row-major, contiguous n-dimensional array over an {@link Algebra}. Operations return new arrays,
 * except those named {@code ...InPlace}; {@link #reshape} and whole-array views share storage.
 *
 * <p>This is the value layer: it knows nothing of gradients. The autograd {@code Tensor} wraps it.
 */
public final class NDArray {
    private final Algebra algebra;
    private final int[] shape;
    private final Storage storage;
    private final int offset;
    private final int size;

    NDArray(Algebra algebra, int[] shape, Storage storage, int offset) {
        this.algebra = algebra;
        this.shape = shape;
        this.storage = storage;
        this.offset = offset;
        this.size = Shapes.size(shape);
        if (offset + size > storage.size()) {
            throw new IllegalArgumentException("shape " + Shapes.str(shape) + " does not fit storage of "
                    + storage.size() + " elements at offset " + offset);
        }
    }

    // ---------------------------------------------------------------- construction

    /** A zero-filled array. */
    public static NDArray zeros(Algebra algebra, int... shape) {
        int[] s = shape.clone();
        return new NDArray(algebra, s, algebra.allocate(Shapes.size(s)), 0);
    }

    /** An array with every element the real constant {@code value}. */
    public static NDArray full(Algebra algebra, double value, int... shape) {
        NDArray a = zeros(algebra, shape);
        algebra.fill(a.storage, 0, a.size, value);
        return a;
    }

    /** An array of the real constants {@code values} (row-major), which must match the shape's size. */
    public static NDArray of(Algebra algebra, double[] values, int... shape) {
        int[] s = shape.clone();
        if (Shapes.size(s) != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + Shapes.str(s));
        }
        return new NDArray(algebra, s, algebra.fromDoubles(values), 0);
    }

    /** Wraps a float array as an F32 array without copying. */
    public static NDArray wrap(float[] values, int... shape) {
        int[] s = shape.clone();
        if (Shapes.size(s) != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + Shapes.str(s));
        }
        return new NDArray(Real32.INSTANCE, s, new FloatStorage(values), 0);
    }

    /** A rank-0 array holding one real constant. */
    public static NDArray scalar(Algebra algebra, double value) {
        return of(algebra, new double[] {value});
    }

    /** Wraps existing storage; used by algebras and loaders that fill storage directly. */
    public static NDArray ofStorage(Algebra algebra, Storage storage, int... shape) {
        return new NDArray(algebra, shape.clone(), storage, 0);
    }

    // ---------------------------------------------------------------- accessors

    public Algebra algebra() {
        return algebra;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[Shapes.axis(axis, shape.length)];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return size;
    }

    /** The backing storage; elements start at {@link #offset()}. */
    public Storage storage() {
        return storage;
    }

    public int offset() {
        return offset;
    }

    /** The real value (or constant term) of the element at a multi-index. */
    public double get(int... index) {
        return algebra.key(storage, offset + flatIndex(index));
    }

    /** The single element of a size-1 array as a real number. */
    public double item() {
        if (size != 1) {
            throw new IllegalStateException("item() needs a single element, shape is " + Shapes.str(shape));
        }
        return algebra.key(storage, offset);
    }

    /** The elements as real numbers (fails for algebras whose elements are not real). */
    public double[] toDoubles() {
        return algebra.toDoubles(storage, offset, size);
    }

    /** The ordering key of every element (value, or real constant term). */
    public double[] keys() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = algebra.key(storage, offset + i);
        }
        return out;
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for shape " + Shapes.str(shape));
        }
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside " + Shapes.str(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    // ---------------------------------------------------------------- shape and copies

    /** A view with a new shape of the same size; one dimension may be -1 and is inferred. */
    public NDArray reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        int known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("only one -1 allowed in reshape " + Arrays.toString(newShape));
                }
                infer = i;
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Shapes.str(shape) + " to " + Arrays.toString(newShape));
            }
            s[infer] = size / known;
        }
        if (Shapes.size(s) != size) {
            throw new IllegalArgumentException("cannot reshape " + Shapes.str(shape) + " to " + Arrays.toString(newShape));
        }
        return new NDArray(algebra, s, storage, offset);
    }

    /** A fresh copy with its own storage. */
    public NDArray copy() {
        NDArray out = zeros(algebra, shape);
        algebra.copy(storage, offset, out.storage, 0, size);
        return out;
    }

    /** This array converted to another real algebra (through double values). */
    public NDArray to(Algebra target) {
        if (target == algebra) {
            return this;
        }
        return of(target, toDoubles(), shape);
    }

    /** Reorders axes: output axis {@code i} is input axis {@code perm[i]}. */
    public NDArray permute(int... perm) {
        return gather(IndexMaps.permute(shape, perm), IndexMaps.permutedShape(shape, perm));
    }

    /** Swaps two axes. */
    public NDArray transpose(int axisA, int axisB) {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        int a = Shapes.axis(axisA, shape.length);
        int b = Shapes.axis(axisB, shape.length);
        perm[a] = b;
        perm[b] = a;
        return permute(perm);
    }

    /** A new array of shape {@code outShape} whose element {@code i} is element {@code map[i]} (0 if negative). */
    public NDArray gather(int[] map, int[] outShape) {
        NDArray out = zeros(algebra, outShape);
        if (map.length != out.size) {
            throw new IllegalArgumentException("index map of " + map.length + " for shape " + Shapes.str(outShape));
        }
        algebra.gather(storage, offset, map, out.storage, 0);
        return out;
    }

    /** The adjoint of {@link #gather}: a new array of {@code outShape} where element {@code map[i]} accumulates
     *  element {@code i} of this array. */
    public NDArray scatterAdd(int[] map, int[] outShape) {
        NDArray out = zeros(algebra, outShape);
        algebra.scatterAdd(storage, offset, map, out.storage, 0);
        return out;
    }

    /** The elements with index {@code [from, to)} along {@code axis}. */
    public NDArray slice(int axis, int from, int to) {
        int ax = Shapes.axis(axis, shape.length);
        if (from < 0 || to > shape[ax] || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of axis " + ax + " with length " + shape[ax]);
        }
        int outer = Shapes.product(shape, 0, ax);
        int inner = Shapes.product(shape, ax + 1, shape.length);
        int[] outShape = shape.clone();
        outShape[ax] = to - from;
        if (outer == 1) {
            return new NDArray(algebra, outShape, storage, offset + from * inner);
        }
        NDArray out = zeros(algebra, outShape);
        int block = (to - from) * inner;
        for (int o = 0; o < outer; o++) {
            algebra.copy(storage, offset + (o * shape[ax] + from) * inner, out.storage, o * block, block);
        }
        return out;
    }

    /** Joins arrays of equal shape except along {@code axis}. */
    public static NDArray concat(int axis, NDArray... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat of no arrays");
        }
        int rank = parts[0].rank();
        int ax = Shapes.axis(axis, rank);
        int[] outShape = parts[0].shape();
        int total = 0;
        for (NDArray p : parts) {
            if (p.rank() != rank || p.algebra != parts[0].algebra) {
                throw new IllegalArgumentException("concat needs arrays of one rank and algebra");
            }
            for (int i = 0; i < rank; i++) {
                if (i != ax && p.shape[i] != outShape[i]) {
                    throw new IllegalArgumentException("concat shapes " + Shapes.str(p.shape) + " and " + Shapes.str(outShape));
                }
            }
            total += p.shape[ax];
        }
        outShape[ax] = total;
        NDArray out = zeros(parts[0].algebra, outShape);
        int outer = Shapes.product(outShape, 0, ax);
        int inner = Shapes.product(outShape, ax + 1, rank);
        int pos = 0;
        for (NDArray p : parts) {
            int block = p.shape[ax] * inner;
            for (int o = 0; o < outer; o++) {
                out.algebra.copy(p.storage, p.offset + o * block, out.storage, (o * total + pos) * inner, block);
            }
            pos += p.shape[ax];
        }
        return out;
    }

    // ---------------------------------------------------------------- element-wise

    public NDArray add(NDArray b) {
        return binary(BinaryOp.ADD, b);
    }

    public NDArray sub(NDArray b) {
        return binary(BinaryOp.SUB, b);
    }

    public NDArray mul(NDArray b) {
        return binary(BinaryOp.MUL, b);
    }

    public NDArray div(NDArray b) {
        return binary(BinaryOp.DIV, b);
    }

    /** {@code this * scale + shift} with real constants. */
    public NDArray affine(double scale, double shift) {
        NDArray out = zeros(algebra, shape);
        algebra.affine(storage, offset, scale, shift, out.storage, 0, size);
        return out;
    }

    public NDArray mul(double s) {
        return affine(s, 0.0);
    }

    public NDArray add(double s) {
        return affine(1.0, s);
    }

    public NDArray map(UnaryOp op) {
        NDArray out = zeros(algebra, shape);
        Parallel.elementwise(size, size, (from, to) -> algebra.unary(op, storage, offset + from, out.storage, from, to - from));
        return out;
    }

    public NDArray neg() {
        return map(UnaryOp.NEG);
    }

    public NDArray exp() {
        return map(UnaryOp.EXP);
    }

    public NDArray log() {
        return map(UnaryOp.LOG);
    }

    public NDArray sqrt() {
        return map(UnaryOp.SQRT);
    }

    public NDArray pow(double p) {
        NDArray out = zeros(algebra, shape);
        algebra.pow(storage, offset, p, out.storage, 0, size);
        return out;
    }

    /** {@code key(this) > 0 ? g : 0}, element-wise; shapes must match. */
    public NDArray selectPositive(NDArray g) {
        requireSameShape(g);
        NDArray out = zeros(algebra, shape);
        Parallel.elementwise(size, size, (from, to) ->
                algebra.selectPositive(storage, offset + from, g.storage, g.offset + from, out.storage, from, to - from));
        return out;
    }

    /** Broadcasting binary operation. */
    public NDArray binary(BinaryOp op, NDArray b) {
        requireSameAlgebra(b);
        int[] outShape = Shapes.broadcast(shape, b.shape);
        NDArray out = zeros(algebra, outShape);
        if (Arrays.equals(shape, b.shape)) {
            Parallel.elementwise(size, size, (from, to) ->
                    algebra.binary(op, storage, offset + from, 1, b.storage, b.offset + from, 1, out.storage, from, to - from));
            return out;
        }
        Broadcast.apply(op, this, b, out);
        return out;
    }

    // ---------------------------------------------------------------- reductions

    /** Sum over one axis. */
    public NDArray sum(int axis, boolean keepDims) {
        int ax = Shapes.axis(axis, shape.length);
        int outer = Shapes.product(shape, 0, ax);
        int inner = Shapes.product(shape, ax + 1, shape.length);
        NDArray out = zeros(algebra, reducedShape(ax, keepDims));
        algebra.sumAxis(storage, offset, outer, shape[ax], inner, out.storage, 0);
        return out;
    }

    /** Sum of all elements, as a rank-0 array. */
    public NDArray sumAll() {
        NDArray out = zeros(algebra);
        algebra.sumAxis(storage, offset, 1, size, 1, out.storage, 0);
        return out;
    }

    /** Sums broadcast dimensions away so that the result has {@code target} shape (the adjoint of broadcasting). */
    public NDArray sumTo(int[] target) {
        if (Arrays.equals(shape, target)) {
            return this;
        }
        NDArray cur = this;
        int lead = shape.length - target.length;
        if (lead < 0) {
            throw new IllegalArgumentException("cannot sum " + Shapes.str(shape) + " to " + Shapes.str(target));
        }
        if (lead > 0) {
            int leadSize = Shapes.product(shape, 0, lead);
            cur = cur.reshape(concatDims(leadSize, Arrays.copyOfRange(shape, lead, shape.length))).sum(0, false);
        }
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 1 && cur.shape[i] != 1) {
                cur = cur.sum(i, true);
            } else if (target[i] != cur.shape[i]) {
                throw new IllegalArgumentException("cannot sum " + Shapes.str(shape) + " to " + Shapes.str(target));
            }
        }
        return cur;
    }

    /** Index of the largest key along an axis (first on ties), flattened over the remaining axes. */
    public int[] argmax(int axis) {
        int ax = Shapes.axis(axis, shape.length);
        int outer = Shapes.product(shape, 0, ax);
        int inner = Shapes.product(shape, ax + 1, shape.length);
        int[] out = new int[outer * inner];
        algebra.argmaxAxis(storage, offset, outer, shape[ax], inner, out);
        return out;
    }

    /** Shape after removing (or keeping as 1) an axis. */
    public int[] reducedShape(int axis, boolean keepDims) {
        int ax = Shapes.axis(axis, shape.length);
        if (keepDims) {
            int[] s = shape.clone();
            s[ax] = 1;
            return s;
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != ax) {
                s[j++] = shape[i];
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product of the last two axes, {@code op(this) op(b)} where {@code op} optionally transposes.
     * Ranks: 2x2; Nx2 (leading axes of {@code this} are batch); NxN with equal leading axes (batched).
     */
    public NDArray matmul(NDArray b, boolean transA, boolean transB) {
        return MatMul.matmul(this, b, transA, transB);
    }

    /**
     * {@link #matmul(NDArray, boolean, boolean)} of two matrices written into {@code out}, which must be a
     * contiguous array of the product's shape that neither operand shares storage with; returns {@code out}.
     */
    public NDArray matmulInto(NDArray b, boolean transA, boolean transB, NDArray out) {
        return MatMul.matmulInto(this, b, transA, transB, out);
    }

    public NDArray matmul(NDArray b) {
        return matmul(b, false, false);
    }

    // ---------------------------------------------------------------- in place (optimisers, accumulation)

    /** {@code this += alpha * x}; shapes must match. */
    public NDArray axpyInPlace(double alpha, NDArray x) {
        requireSameShape(x);
        algebra.axpy(alpha, x.storage, x.offset, storage, offset, size);
        return this;
    }

    public NDArray addInPlace(NDArray x) {
        return axpyInPlace(1.0, x);
    }

    public NDArray scaleInPlace(double s) {
        algebra.affine(storage, offset, s, 0.0, storage, offset, size);
        return this;
    }

    /** Overwrites this array's elements with {@code src}'s (same shape). */
    public NDArray assign(NDArray src) {
        requireSameShape(src);
        algebra.copy(src.storage, src.offset, storage, offset, size);
        return this;
    }

    public NDArray fill(double value) {
        algebra.fill(storage, offset, size, value);
        return this;
    }

    /** {@code this = this op x} in place, with broadcasting of {@code x}. */
    public NDArray binaryInPlace(BinaryOp op, NDArray x) {
        return assign(binary(op, x));
    }

    // ---------------------------------------------------------------- checks

    void requireSameShape(NDArray other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException("shape mismatch: " + Shapes.str(shape) + " vs " + Shapes.str(other.shape));
        }
        requireSameAlgebra(other);
    }

    void requireSameAlgebra(NDArray other) {
        if (algebra != other.algebra) {
            throw new IllegalArgumentException("algebra mismatch: " + algebra.name() + " vs " + other.algebra.name());
        }
    }

    private static int[] concatDims(int first, int[] rest) {
        int[] s = new int[rest.length + 1];
        s[0] = first;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NDArray(").append(algebra.name()).append(' ').append(Shapes.str(shape));
        if (size <= 16) {
            sb.append(' ').append(Arrays.toString(keys()));
        }
        return sb.append(')').toString();
    }
}
