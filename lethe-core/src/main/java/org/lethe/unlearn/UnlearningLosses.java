package org.lethe.unlearn;

import org.lethe.autograd.Functional;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Layer;
import org.lethe.tensor.NDArray;
import org.lethe.train.ClassificationTask;

/**
 * The losses approximate deletion methods combine: cross-entropy with given or true labels, distillation towards
 * a teacher's outputs, divergence from the uniform distribution, entropy. All are means over the batch, so their
 * scale does not depend on the batch size.
 */
public final class UnlearningLosses {
    private UnlearningLosses() {
    }

    /** The logits of {@code batch} under {@code model}, recorded for differentiation. */
    public static Tensor logits(Layer model, ClassificationTask task, int[] batch) {
        return model.forward(task.inputs(batch));
    }

    /** The logits of {@code batch} under {@code teacher}, as constants (no gradient flows into the teacher). */
    public static NDArray teacherLogits(Layer teacher, ClassificationTask task, int[] batch) {
        return task.logits(teacher, batch);
    }

    /** Mean cross-entropy of {@code logits} against {@code targets}. */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        return Functional.crossEntropy(logits, targets);
    }

    /** The value of the mean cross-entropy of {@code logits} against {@code targets}, outside the recorded graph. */
    public static double crossEntropyValue(Tensor logits, int[] targets) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return Functional.crossEntropy(Tensor.constant(logits.value()), targets).item();
        }
    }

    /** Mean cross-entropy of {@code batch}'s own labels. */
    public static Tensor crossEntropy(Layer model, ClassificationTask task, int[] batch) {
        return Functional.crossEntropy(logits(model, task, batch), task.data().labels(batch));
    }

    /**
     * Mean KL divergence KL(teacher || student) of the softened distributions at temperature {@code t}, multiplied
     * by t squared (Hinton et al.), so that gradients keep their scale as t changes.
     */
    public static Tensor distillation(Tensor studentLogits, NDArray teacherLogits, double t) {
        Tensor teacher;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            teacher = Tensor.constant(Functional.softmax(Tensor.constant(teacherLogits).mul(1.0 / t), 1).value());
        }
        Tensor logStudent = Functional.logSoftmax(studentLogits.mul(1.0 / t), 1);
        Tensor logTeacher = Tensor.constant(teacher.value().log());
        int n = studentLogits.dim(0);
        return teacher.mul(logTeacher.sub(logStudent)).sum().mul(t * t / n);
    }

    /** Mean KL divergence from the uniform distribution over the classes to the model's distribution. */
    public static Tensor divergenceFromUniform(Tensor logits) {
        int n = logits.dim(0);
        int classes = logits.dim(1);
        // KL(u || q) = sum_c (1/C)(log(1/C) - log q_c): the constant keeps the value a true divergence (0 at uniform).
        return Functional.logSoftmax(logits, 1).sum().mul(-1.0 / (classes * (double) n)).add(-Math.log(classes));
    }

    /** Mean entropy of the model's distributions. */
    public static Tensor entropy(Tensor logits) {
        int n = logits.dim(0);
        Tensor logQ = Functional.logSoftmax(logits, 1);
        return logQ.exp().mul(logQ).sum().mul(-1.0 / n);
    }
}
