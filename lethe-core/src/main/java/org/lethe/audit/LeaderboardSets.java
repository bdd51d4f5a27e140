package org.lethe.audit;

import java.util.Arrays;
import org.lethe.nn.Layer;
import org.lethe.tensor.NDArray;
import org.lethe.train.ClassificationTask;

/**
 * The examples a leaderboard scores every model on, as indices into the original training data and the held-out
 * data: the forget set, the retained examples, and the <em>evaluation</em> half of the held-out examples (the half
 * no method may read; see {@link org.lethe.unlearn.ForgetProblem}). Retrained references, originals and unlearned
 * models are all measured here, so their accuracies and confidences compare example for example.
 */
final class LeaderboardSets {
    private static final int CHUNK = 1000;

    private final ClassificationTask train;
    private final ClassificationTask heldOut;
    private final int[] forget;
    private final int[] retain;
    private final int[] evaluation;

    LeaderboardSets(ClassificationTask train, ClassificationTask heldOut, int[] forget, int[] retain,
                    int[] evaluation) {
        this.train = train;
        this.heldOut = heldOut;
        this.forget = forget.clone();
        this.retain = retain.clone();
        this.evaluation = evaluation.clone();
    }

    int forgetCount() {
        return forget.length;
    }

    int evaluationCount() {
        return evaluation.length;
    }

    /** Accuracies, forget-set confidences and the loss attack of {@code model}; {@code seconds} is what it cost. */
    LeaderboardRun score(Layer model, double seconds) {
        double[][] forgetLogits = logits(train, model, forget);
        int[] forgetLabels = train.data().labels(forget);
        double[][] evaluationLogits = logits(heldOut, model, evaluation);
        int[] evaluationLabels = heldOut.data().labels(evaluation);
        double[] confidence = LogitScaledConfidence.ofRows(forgetLogits, forgetLabels);
        double auc = LossThresholdAttack.evaluate(losses(forgetLogits, forgetLabels),
                losses(evaluationLogits, evaluationLabels)).auc();
        return new LeaderboardRun(confidence, accuracy(logits(train, model, retain), train.data().labels(retain)),
                accuracy(forgetLogits, forgetLabels), accuracy(evaluationLogits, evaluationLabels), auc, seconds);
    }

    private static double[][] logits(ClassificationTask task, Layer model, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int from = 0; from < rows.length; from += CHUNK) {
            int[] part = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + CHUNK));
            NDArray logits = task.logits(model, part);
            int classes = logits.dim(1);
            double[] flat = logits.toDoubles();
            for (int i = 0; i < part.length; i++) {
                out[from + i] = Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
            }
        }
        return out;
    }

    private static double accuracy(double[][] logits, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (Utility.argmax(logits[i]) == labels[i]) {
                correct++;
            }
        }
        return labels.length == 0 ? Double.NaN : correct / (double) labels.length;
    }

    private static double[] losses(double[][] logits, int[] labels) {
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = LossThresholdAttack.crossEntropy(logits[i], labels[i]);
        }
        return out;
    }
}
