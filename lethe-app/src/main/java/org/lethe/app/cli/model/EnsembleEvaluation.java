package org.lethe.app.cli.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.data.Dataset;
import org.lethe.train.SisaModel;

/**
 * A SISA ensemble's held-out metrics from its aggregated class probabilities, in the same terms as a single
 * classifier's ({@code accuracy}, {@code loss}: mean negative log-probability of the true label, and per class), so
 * that {@code eval} treats an ensemble like any other model.
 */
final class EnsembleEvaluation {
    private static final int CHUNK = 2000;
    // A voting ensemble can give a label probability 0; the loss is floored there rather than infinite.
    private static final double FLOOR = 1e-12;

    final Map<String, Double> metrics = new LinkedHashMap<>();
    final List<EvalResult.ClassResult> perClass = new ArrayList<>();

    EnsembleEvaluation(SisaModel model, Dataset d) throws IOException {
        int classes = d.classCount();
        int[] total = new int[classes];
        int[] correct = new int[classes];
        double loss = 0;
        for (int s = 0; s < d.size(); s += CHUNK) {
            int n = Math.min(CHUNK, d.size() - s);
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = s + i;
            }
            double[][] p = model.probabilities(d, rows);
            for (int i = 0; i < n; i++) {
                int label = d.label(rows[i]);
                int best = 0;
                for (int c = 1; c < p[i].length; c++) {
                    if (p[i][c] > p[i][best]) {
                        best = c;
                    }
                }
                total[label]++;
                correct[label] += best == label ? 1 : 0;
                loss -= Math.log(Math.max(FLOOR, label < p[i].length ? p[i][label] : 0));
            }
        }
        int all = 0;
        int right = 0;
        for (int c = 0; c < classes; c++) {
            all += total[c];
            right += correct[c];
            perClass.add(EvalResult.ClassResult.of(c, total[c], correct[c]));
        }
        metrics.put("accuracy", all == 0 ? Double.NaN : right / (double) all);
        metrics.put("loss", all == 0 ? Double.NaN : loss / all);
    }
}
