package org.lethe.curvature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lethe.nn.HookedLayer;
import org.lethe.nn.Layer;
import org.lethe.nn.LayerHook;
import org.lethe.tensor.NDArray;
import org.lethe.train.ClassificationTask;

/**
 * How strongly a layer's inputs project onto bands of its input factor's eigenvectors: for each input
 * {@code a = [x; 1]} the share {@code sum_{k in band} (u_k . a)^2 / |a|^2} of its squared norm in the eigenvectors
 * {@code u_k} of {@code A} ranked by eigenvalue (top 10%, 10-25%, 25-50%, bottom 50% of the ranks), averaged over the
 * inputs of a group of examples (for a convolution, over all of their patches). The eigenvectors are orthonormal, so each input's shares sum to one. Memorised examples that
 * lean on low-curvature directions show a larger share in the lower bands than clean ones.
 */
public final class BandDiagnostic {
    /** Band edges as fractions of the rank: [0, 0.1), [0.1, 0.25), [0.25, 0.5), [0.5, 1]. */
    public static final double[] EDGES = {0.0, 0.10, 0.25, 0.50, 1.0};
    /** The bands' names, in {@link #EDGES} order. */
    public static final List<String> BANDS = List.of("top 10%", "10-25%", "25-50%", "bottom 50%");

    /** One layer's mean band shares for the memorised and for the clean group. */
    public record LayerBands(String layer, double[] memorised, double[] clean) {
    }

    private BandDiagnostic() {
    }

    /** The band of each rank {@code k} of {@code n} eigenvectors. */
    static int band(int k, int n) {
        double position = (double) k / n;
        for (int b = BANDS.size() - 1; b > 0; b--) {
            if (position >= EDGES[b]) {
                return b;
            }
        }
        return 0;
    }

    /**
     * The band shares of each layer in {@code layers} (each with its factors' input eigenbasis in {@code bases}),
     * over the {@code memorised} and the {@code clean} examples of {@code task}.
     */
    public static List<LayerBands> measure(Layer model, Map<String, ? extends HookedLayer> layers, Map<String, Eigenbasis> bases,
                                           ClassificationTask task, int[] memorised, int[] clean) {
        if (memorised.length == 0 || clean.length == 0) {
            throw new IllegalArgumentException("the band diagnostic needs memorised and clean examples");
        }
        Map<String, double[]> mem = shares(model, layers, bases, task, memorised);
        Map<String, double[]> cl = shares(model, layers, bases, task, clean);
        List<LayerBands> out = new ArrayList<>();
        for (String name : layers.keySet()) {
            out.add(new LayerBands(name, mem.get(name), cl.get(name)));
        }
        return out;
    }

    private static Map<String, double[]> shares(Layer model, Map<String, ? extends HookedLayer> layers, Map<String, Eigenbasis> bases,
                                                ClassificationTask task, int[] examples) {
        Map<String, double[]> sums = new java.util.LinkedHashMap<>();
        Map<String, long[]> rowsSeen = new java.util.LinkedHashMap<>();
        List<Map.Entry<HookedLayer, LayerHook>> hooks = new ArrayList<>();
        for (Map.Entry<String, ? extends HookedLayer> e : layers.entrySet()) {
            Eigenbasis basis = bases.get(e.getKey());
            KfacLayer layer = KfacLayer.of(e.getValue());
            int q = layer.inputSize();
            if (basis == null || basis.size() != q) {
                throw new IllegalArgumentException("layer " + e.getKey() + " needs an input eigenbasis of size " + q);
            }
            double[] sum = new double[BANDS.size()];
            sums.put(e.getKey(), sum);
            long[] seen = new long[1];
            rowsSeen.put(e.getKey(), seen);
            LayerHook hook = new LayerHook() {
                @Override
                public void onForward(Layer l, NDArray input) {
                    NDArray x = layer.inputRows(input);
                    int rows = x.dim(0);
                    seen[0] += rows;
                    double[] proj = x.matmul(basis.vectors()).toDoubles();
                    for (int r = 0; r < rows; r++) {
                        double[] row = new double[BANDS.size()];
                        double norm = 0;
                        for (int k = 0; k < q; k++) {
                            double c = proj[r * q + k] * proj[r * q + k];
                            row[band(k, q)] += c;
                            norm += c;
                        }
                        for (int b = 0; b < row.length; b++) {
                            // A zero input has no direction; it counts evenly so that its shares still sum to one.
                            sum[b] += norm > 0 ? row[b] / norm : 1.0 / row.length;
                        }
                    }
                }

                @Override
                public void onBackward(Layer l, NDArray input, NDArray gradOutput) {
                    // Forward passes only.
                }
            };
            e.getValue().addHook(hook);
            hooks.add(Map.entry(e.getValue(), hook));
        }
        boolean wasTraining = model.isTraining();
        model.train(false);
        try {
            for (int from = 0; from < examples.length; from += 256) {
                model.forward(task.inputs(Arrays.copyOfRange(examples, from, Math.min(examples.length, from + 256))));
            }
        } finally {
            hooks.forEach(h -> h.getKey().removeHook(h.getValue()));
            model.train(wasTraining);
        }
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            for (int b = 0; b < s.length; b++) {
                s[b] /= rowsSeen.get(e.getKey())[0];
            }
        }
        return sums;
    }
}
