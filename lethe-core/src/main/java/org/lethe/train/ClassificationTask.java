package org.lethe.train;

import org.lethe.autograd.Functional;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;

/** Mean cross-entropy of a {@link Layer} classifier over examples of a {@link Dataset}. */
public final class ClassificationTask implements TrainingTask {
    private final Dataset data;
    private final int[] inputShape;
    private final Algebra algebra;

    /**
     * @param inputShape the model's input shape with a leading 0 for the batch axis (e.g. {@code [0, 1, 28, 28]});
     *                   null for flat {@code [batch, features]}
     */
    public ClassificationTask(Dataset data, int[] inputShape, Algebra algebra) {
        this.data = data;
        this.inputShape = inputShape == null ? new int[] {0, data.featureCount()} : inputShape.clone();
        this.algebra = algebra;
    }

    /** The inputs of {@code batch} as a constant tensor. */
    public Tensor inputs(int[] batch) {
        int[] shape = inputShape.clone();
        shape[0] = batch.length;
        NDArray rows = data.featureRows(batch, algebra);
        return Tensor.constant(rows.reshape(shape));
    }

    @Override
    public Tensor loss(Module model, int[] batch) {
        return Functional.crossEntropy(((Layer) model).forward(inputs(batch)), data.labels(batch));
    }

    /** Logits of the examples, in evaluation mode, without recording. */
    public NDArray logits(Layer model, int[] examples) {
        boolean wasTraining = model.isTraining();
        model.train(false);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return model.forward(inputs(examples)).value();
        } finally {
            model.train(wasTraining);
        }
    }

    /** How many of {@code examples} the model classifies correctly (its logits' argmax is the label). */
    public int correct(Layer model, int[] examples) {
        int[] predicted = logits(model, examples).argmax(1);
        int[] labels = data.labels(examples);
        int correct = 0;
        for (int i = 0; i < examples.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return correct;
    }

    /** The fraction of {@code examples} the model classifies correctly (NaN for none). */
    public double accuracy(Layer model, int[] examples) {
        return examples.length == 0 ? Double.NaN : correct(model, examples) / (double) examples.length;
    }

    public Dataset data() {
        return data;
    }
}
