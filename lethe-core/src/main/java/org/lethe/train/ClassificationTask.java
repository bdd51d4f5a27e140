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

    public Dataset data() {
        return data;
    }
}
