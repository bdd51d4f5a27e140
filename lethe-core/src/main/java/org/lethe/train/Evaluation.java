package org.lethe.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lethe.autograd.Functional;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;

/** Held-out measurements: accuracy and mean loss for classifiers, mean next-character loss for language models. */
public final class Evaluation {
    private static final int CHUNK = 1000;

    private Evaluation() {
    }

    /** {@code accuracy} and {@code loss} of a classifier on every example of {@code data}. */
    public static Map<String, Double> classifier(Layer model, Dataset data, int[] inputShape, Algebra algebra) {
        ClassificationTask task = new ClassificationTask(data, inputShape, algebra);
        int correct = 0;
        double lossSum = 0;
        for (int s = 0; s < data.size(); s += CHUNK) {
            int n = Math.min(CHUNK, data.size() - s);
            int[] idx = range(s, n);
            NDArray logits = task.logits(model, idx);
            int[] labels = data.labels(idx);
            int[] pred = logits.argmax(1);
            for (int i = 0; i < n; i++) {
                if (pred[i] == labels[i]) {
                    correct++;
                }
            }
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                lossSum += Functional.crossEntropy(Tensor.constant(logits), labels).item() * n;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", data.size() == 0 ? Double.NaN : correct / (double) data.size());
        m.put("loss", data.size() == 0 ? Double.NaN : lossSum / data.size());
        return m;
    }

    /** {@code loss}: mean over documents of the per-document mean next-character loss. */
    public static Map<String, Double> languageModel(Module model, TextCorpus corpus, Algebra algebra) {
        LanguageModelTask task = new LanguageModelTask(corpus, algebra);
        double sum = 0;
        boolean wasTraining = model.isTraining();
        model.train(false);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int i = 0; i < corpus.size(); i++) {
                sum += task.loss(model, new int[] {i}).item();
            }
        } finally {
            model.train(wasTraining);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", corpus.size() == 0 ? Double.NaN : sum / corpus.size());
        return m;
    }

    static int[] range(int from, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = from + i;
        }
        return idx;
    }
}
