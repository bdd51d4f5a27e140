package org.lethe.app.bench;

import java.util.ArrayList;
import java.util.List;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.train.ClassificationTask;

/**
 * A classifier's predictions on a fixed set of examples, computed once, with the measures the algebra benchmark
 * reports: accuracy over chosen classes, per-class accuracy, where the examples of a class go, and agreement and
 * KL divergence against another model's readout of the same examples.
 */
final class ClassifierReadout {
    private static final int CHUNK = 1000;
    private final int[] labels;
    private final int[] predicted;
    private final double[][] probabilities;
    private final int classes;

    private ClassifierReadout(int[] labels, int[] predicted, double[][] probabilities, int classes) {
        this.labels = labels;
        this.predicted = predicted;
        this.probabilities = probabilities;
        this.classes = classes;
    }

    /** Reads {@code model} on every example of {@code data}. */
    static ClassifierReadout of(Layer model, Dataset data) {
        ClassificationTask task = new ClassificationTask(data, null, Real32.INSTANCE);
        int n = data.size();
        int classes = 0;
        int[] predicted = new int[n];
        double[][] probabilities = new double[n][];
        for (int s = 0; s < n; s += CHUNK) {
            int[] idx = java.util.stream.IntStream.range(s, Math.min(n, s + CHUNK)).toArray();
            NDArray logits = task.logits(model, idx);
            classes = logits.dim(1);
            double[] v = logits.toDoubles();
            for (int i = 0; i < idx.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, v[i * classes + c]);
                }
                double[] p = new double[classes];
                double sum = 0;
                int best = 0;
                for (int c = 0; c < classes; c++) {
                    p[c] = Math.exp(v[i * classes + c] - max);
                    sum += p[c];
                    if (v[i * classes + c] > v[i * classes + best]) {
                        best = c;
                    }
                }
                for (int c = 0; c < classes; c++) {
                    p[c] /= sum;
                }
                probabilities[idx[i]] = p;
                predicted[idx[i]] = best;
            }
        }
        return new ClassifierReadout(data.labels(), predicted, probabilities, classes);
    }

    /** The readout of an ensemble that averages the two models' probabilities. */
    static ClassifierReadout average(ClassifierReadout a, ClassifierReadout b) {
        int n = a.labels.length;
        int[] predicted = new int[n];
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new double[a.classes];
            int best = 0;
            for (int c = 0; c < a.classes; c++) {
                p[i][c] = (a.probabilities[i][c] + b.probabilities[i][c]) / 2;
                if (p[i][c] > p[i][best]) {
                    best = c;
                }
            }
            predicted[i] = best;
        }
        return new ClassifierReadout(a.labels, predicted, p, a.classes);
    }

    /** Accuracy over the examples whose label is in {@code wanted} (all when null). */
    double accuracy(boolean[] wanted) {
        int n = 0;
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (wanted == null || wanted[labels[i]]) {
                n++;
                correct += predicted[i] == labels[i] ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : correct / (double) n;
    }

    /** Accuracy of each class. */
    List<Double> perClass() {
        List<Double> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            boolean[] one = new boolean[classes];
            one[c] = true;
            out.add(accuracy(one));
        }
        return out;
    }

    /** For each class of {@code rows}, the fraction of its examples predicted as each class. */
    List<List<Double>> confusion(int[] rows) {
        List<List<Double>> out = new ArrayList<>();
        for (int r : rows) {
            double[] counts = new double[classes];
            int n = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == r) {
                    counts[predicted[i]]++;
                    n++;
                }
            }
            List<Double> row = new ArrayList<>();
            for (double c : counts) {
                row.add(n == 0 ? Double.NaN : c / n);
            }
            out.add(row);
        }
        return out;
    }

    /** Fraction of the examples with a label in {@code wanted} on which both readouts predict the same class. */
    double agreement(ClassifierReadout other, boolean[] wanted) {
        int n = 0;
        int same = 0;
        for (int i = 0; i < labels.length; i++) {
            if (wanted[labels[i]]) {
                n++;
                same += predicted[i] == other.predicted[i] ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : same / (double) n;
    }

    /** Mean KL({@code reference} || this) over the examples with a label in {@code wanted}. */
    double klFrom(ClassifierReadout reference, boolean[] wanted) {
        int n = 0;
        double kl = 0;
        for (int i = 0; i < labels.length; i++) {
            if (wanted[labels[i]]) {
                n++;
                for (int c = 0; c < classes; c++) {
                    double p = reference.probabilities[i][c];
                    if (p > 0) {
                        kl += p * (Math.log(p) - Math.log(Math.max(probabilities[i][c], 1e-300)));
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : kl / n;
    }

    /** A class mask with {@code classes} set. */
    static boolean[] mask(int size, int... classes) {
        boolean[] m = new boolean[size];
        for (int c : classes) {
            m[c] = true;
        }
        return m;
    }
}
