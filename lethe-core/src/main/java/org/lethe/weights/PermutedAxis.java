package org.lethe.weights;

import org.lethe.tensor.NDArray;
import org.lethe.tensor.Shapes;

/**
 * One axis of one weight that a permutation of hidden units reorders: axis {@code axis} of {@code parameter},
 * whose positions come in consecutive blocks of {@code block}, one block per unit (1 for a plain axis; the
 * spatial positions of a channel where a convolution's output is flattened into a linear layer).
 *
 * @param parameter the weight's full name
 * @param axis      the axis the units run along
 * @param block     consecutive positions per unit along that axis
 */
public record PermutedAxis(String parameter, int axis, int block) {
    /** Checks the description. */
    public PermutedAxis {
        if (parameter == null || parameter.isEmpty() || axis < 0 || block < 1) {
            throw new IllegalArgumentException("bad permuted axis " + parameter + " axis " + axis + " block " + block);
        }
    }

    /** The units along this axis of {@code array}. */
    public int units(NDArray array) {
        int[] shape = array.shape();
        if (axis >= shape.length || shape[axis] % block != 0) {
            throw new IllegalArgumentException("mismatched shapes: " + parameter + " of shape " + Shapes.str(shape)
                    + " has no axis " + axis + " in blocks of " + block);
        }
        return shape[axis] / block;
    }

    /** {@code array} with unit {@code i} taken from unit {@code perm[i]}: a new array of the same shape. */
    public NDArray permute(NDArray array, int[] perm) {
        View v = view(array);
        if (perm.length != v.units) {
            throw new IllegalArgumentException("mismatched shapes: a permutation of " + perm.length + " units for "
                    + parameter + ", which has " + v.units);
        }
        int[] map = new int[array.size()];
        int k = 0;
        for (int o = 0; o < v.outer; o++) {
            for (int i = 0; i < v.units; i++) {
                int from = (o * v.units + perm[i]) * v.inner;
                for (int s = 0; s < v.inner; s++) {
                    map[k++] = from + s;
                }
            }
        }
        return array.gather(map, array.shape());
    }

    /** {@code array} as a {@code [units, rest]} matrix whose row {@code i} holds everything unit {@code i} owns. */
    public NDArray unitsFirst(NDArray array) {
        View v = view(array);
        if (v.outer == 1) {
            return array.reshape(v.units, v.inner);
        }
        int rest = v.outer * v.inner;
        int[] map = new int[array.size()];
        int k = 0;
        for (int i = 0; i < v.units; i++) {
            for (int o = 0; o < v.outer; o++) {
                int from = (o * v.units + i) * v.inner;
                for (int s = 0; s < v.inner; s++) {
                    map[k++] = from + s;
                }
            }
        }
        return array.gather(map, new int[] {v.units, rest});
    }

    /**
     * For an array of {@code shape}: the flat index that {@link #permute} by {@code perm} reads for the flat index
     * {@code flat} of its result.
     */
    int source(int flat, int[] shape, int[] perm) {
        View v = view(shape);
        int inner = flat % v.inner;
        int unit = flat / v.inner % v.units;
        int outer = flat / (v.inner * v.units);
        return (outer * v.units + perm[unit]) * v.inner + inner;
    }

    /** For an array of {@code shape}: the flat index of column {@code rest} of row {@code unit} of {@link #unitsFirst}. */
    int flat(int unit, int rest, int[] shape) {
        View v = view(shape);
        return (rest / v.inner * v.units + unit) * v.inner + rest % v.inner;
    }

    /** For an array of {@code shape}: the column of {@link #unitsFirst} that the flat index {@code flat} lands in. */
    int restOf(int flat, int[] shape) {
        View v = view(shape);
        return flat / (v.inner * v.units) * v.inner + flat % v.inner;
    }

    private View view(NDArray array) {
        units(array);
        return view(array.shape());
    }

    private View view(int[] shape) {
        int units = shape[axis] / block;
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        int inner = block;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        return new View(outer, units, inner);
    }

    private record View(int outer, int units, int inner) {
    }
}
