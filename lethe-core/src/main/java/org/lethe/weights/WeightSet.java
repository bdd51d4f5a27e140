package org.lethe.weights;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.nn.ParameterHash;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Shapes;

/**
 * Named weights, in a model's parameter order: a point (a model) or a direction (a task vector) in weight space.
 * Values are copied in and never change; every operation returns a new set. Two sets combine only when they have
 * the same names with the same shapes, and the error says which one differs.
 */
public final class WeightSet {
    private final Map<String, NDArray> values;

    private WeightSet(Map<String, NDArray> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The weights of {@code model} now (copied). */
    public static WeightSet of(Module model) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            m.put(e.getKey(), e.getValue().value().copy());
        }
        return new WeightSet(m);
    }

    /** A set over these named arrays (copied), in the map's order. */
    public static WeightSet of(Map<String, NDArray> named) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : named.entrySet()) {
            m.put(e.getKey(), e.getValue().copy());
        }
        return new WeightSet(m);
    }

    // Takes ownership of freshly computed arrays.
    static WeightSet owning(Map<String, NDArray> fresh) {
        return new WeightSet(fresh);
    }

    /** Writes these weights into {@code model}, which must have the same names and shapes. */
    public void applyTo(Module model) {
        Map<String, Tensor> params = model.namedParameters();
        requireSameLayout(params.keySet(), shapesOf(params), "model");
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            e.getValue().value().assign(values.get(e.getKey()));
        }
    }

    /** The arrays by name (read-only view; do not modify the arrays). */
    public Map<String, NDArray> values() {
        return values;
    }

    /** The parameter names in order. */
    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    /** The array called {@code name}. */
    public NDArray get(String name) {
        NDArray a = values.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no weight called " + name + " (have " + values.keySet() + ")");
        }
        return a;
    }

    /** This plus {@code other}. */
    public WeightSet add(WeightSet other) {
        return zip(other, NDArray::add);
    }

    /** This minus {@code other}. */
    public WeightSet subtract(WeightSet other) {
        return zip(other, NDArray::sub);
    }

    /** Every weight times {@code s}. */
    public WeightSet scale(double s) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            m.put(e.getKey(), e.getValue().mul(s));
        }
        return new WeightSet(m);
    }

    /** This plus {@code s} times {@code other}. */
    public WeightSet plusScaled(double s, WeightSet other) {
        return zip(other, (a, b) -> a.copy().axpyInPlace(s, b));
    }

    /** {@code (1 - t) * this + t * other}: the point at {@code t} on the segment from this set to {@code other}. */
    public WeightSet lerp(WeightSet other, double t) {
        return zip(other, (a, b) -> a.mul(1 - t).axpyInPlace(t, b));
    }

    /** The Euclidean inner product over every weight, summed in double precision. */
    public double dot(WeightSet other) {
        requireSameLayout(other.values.keySet(), other.shapes(), "other weight set");
        double s = 0;
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            s += dot(e.getValue().toDoubles(), other.values.get(e.getKey()).toDoubles());
        }
        return s;
    }

    /** The Euclidean norm over every weight. */
    public double norm() {
        return Math.sqrt(dot(this));
    }

    /** Cosine of the angle between this set and {@code other} as vectors (0 when either is zero). */
    public double cosine(WeightSet other) {
        double d = dot(other);
        double n = norm() * other.norm();
        return n == 0 ? 0 : d / n;
    }

    /** The Euclidean norm of each weight, by name. */
    public Map<String, Double> normsByName() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            double[] v = e.getValue().toDoubles();
            m.put(e.getKey(), Math.sqrt(dot(v, v)));
        }
        return m;
    }

    /**
     * The Euclidean norm of each layer's weights together, by layer (the name up to its last dot: {@code fc0} for
     * {@code fc0.weight} and {@code fc0.bias}).
     */
    public Map<String, Double> normsByLayer() {
        Map<String, Double> squares = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            String name = e.getKey();
            int dot = name.lastIndexOf('.');
            String layer = dot < 0 ? name : name.substring(0, dot);
            double[] v = e.getValue().toDoubles();
            squares.merge(layer, dot(v, v), Double::sum);
        }
        squares.replaceAll((k, v) -> Math.sqrt(v));
        return squares;
    }

    /** The parameter hash of these weights ({@link ParameterHash}), equal to that of a model holding them. */
    public String hash() {
        return ParameterHash.of(values);
    }

    /** Total number of scalar weights. */
    public long size() {
        long n = 0;
        for (NDArray a : values.values()) {
            n += a.size();
        }
        return n;
    }

    /** The shapes, by name. */
    public Map<String, int[]> shapes() {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            m.put(e.getKey(), e.getValue().shape());
        }
        return m;
    }

    /** Applies {@code op} to each pair of same-named arrays, after checking that names and shapes agree. */
    public WeightSet zip(WeightSet other, BiFunction<NDArray, NDArray, NDArray> op) {
        requireSameLayout(other.values.keySet(), other.shapes(), "other weight set");
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            m.put(e.getKey(), op.apply(e.getValue(), other.values.get(e.getKey())));
        }
        return new WeightSet(m);
    }

    /** Fails unless {@code other} has exactly this set's names (in any order) and shapes. */
    public void requireSameLayout(WeightSet other, String what) {
        requireSameLayout(other.values.keySet(), other.shapes(), what);
    }

    private void requireSameLayout(java.util.Set<String> names, Map<String, int[]> shapes, String what) {
        if (!names.equals(values.keySet())) {
            List<String> missing = new ArrayList<>(values.keySet());
            missing.removeAll(names);
            List<String> extra = new ArrayList<>(names);
            extra.removeAll(values.keySet());
            throw new IllegalArgumentException("mismatched architectures: the " + what + " lacks " + missing
                    + " and has extra " + extra);
        }
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            int[] theirs = shapes.get(e.getKey());
            if (!java.util.Arrays.equals(theirs, e.getValue().shape())) {
                throw new IllegalArgumentException("mismatched shapes: " + e.getKey() + " is "
                        + Shapes.str(e.getValue().shape()) + " here but " + Shapes.str(theirs) + " in the " + what);
            }
        }
    }

    private static Map<String, int[]> shapesOf(Map<String, Tensor> params) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            m.put(e.getKey(), e.getValue().value().shape());
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
