package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.optim.LearningRateSchedule;
import org.lethe.tensor.NDArray;
import org.lethe.train.TrainingStep;

/**
 * CT, "convolution transpose" (5th place of the NeurIPS 2023 Machine Unlearning Challenge, as DeepUnlearn, arXiv
 * 2410.01276, re-implemented it): every convolution kernel is transposed (its height and width axes swapped), which
 * keeps each kernel's values and statistics but scrambles the spatial patterns the network had learned, forget set
 * included; then cross-entropy on retained data at a cosine-annealed rate rebuilds what the retained data supports.
 *
 * <p>A model without convolutions (an MLP on images) has its spatial patterns in the first layer: each unit's row of
 * input weights is an image of the input's shape. There each row is transposed as that image (a square side x side
 * input, the digits' 28 x 28), the counterpart of transposing a kernel; a model with neither convolutions nor a square
 * image input cannot run this method. Transposing a whole 28 x 28 receptive field changes far more than transposing a
 * 3 x 3 kernel: at the winner's rate (0.001 over the original's 0.1, 0.01 of the model's) an MLP kept a
 * test-accuracy ratio of 0.30 on the memorising benchmark, so the default fine-tunes at the model's own rate (the
 * challenge kit's fine-tuning rate; ratio 0.98). Length: 3 epochs of a 30-epoch run ({@code steps_fraction} = 3/30);
 * the winner's weight decay (5e-4) is left out.
 */
public final class TransposeKernels {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("ct")
            .approximate(TransposeKernels::apply)
            .parameter(MethodParameter.real("steps_fraction", 3.0 / 30.0,
                    "fine-tuning steps on retained data, as a fraction of the original training's steps"))
            .parameter(MethodParameter.real("rate", 1.0,
                    "initial fine-tuning rate (cosine-annealed), as a fraction of the model's training rate"))
            .summary("approximate: transposes the convolution kernels (an MLP: its first layer's weights as images), "
                    + "then fine-tunes on retained data (5th of the 2023 challenge)")
            .build();

    private TransposeKernels() {
    }

    private static void apply(ForgetProblem p) {
        Module model = (Module) p.model();
        List<String> transposed = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            Tensor t = e.getValue();
            if (t.rank() == 4) {
                t.value().assign(t.value().transpose(2, 3).copy());
                transposed.add(e.getKey());
            }
        }
        if (transposed.isEmpty()) {
            transposed.add(transposeFirstLayerImages(model));
        }
        int steps = p.stepsFor(p.settings().real("steps_fraction"));
        LearningRateSchedule rate = LearningRateSchedule.cosine(p.config().learningRate * p.settings().real("rate"),
                0, steps);
        TrainingStep stepper = p.stepper();
        ForgetProblem.Batches retain = p.batches(p.retain(), p.config().batchSize, 0);
        for (int i = 0; i < steps; i++) {
            int[] batch = retain.next();
            p.step(stepper, rate.rate(i), () -> UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch));
        }
        p.note("transposed", String.join(",", transposed));
        p.note("fine_tune_steps", steps);
    }

    /** Transposes each row of the first layer's weight matrix as a square image; returns the parameter's name. */
    private static String transposeFirstLayerImages(Module model) {
        String first = LayerEdits.firstLayer(model);
        for (Map.Entry<String, Tensor> e : LayerEdits.parametersOf(model, first).entrySet()) {
            Tensor w = e.getValue();
            if (w.rank() != 2) {
                continue;
            }
            int units = w.dim(0);
            int inputs = w.dim(1);
            int side = (int) Math.round(Math.sqrt(inputs));
            if (side * side != inputs) {
                break;
            }
            NDArray images = w.value().reshape(units, side, side);
            w.value().assign(images.transpose(1, 2).copy().reshape(units, inputs));
            return e.getKey();
        }
        throw new IllegalArgumentException("ct transposes convolution kernels, or the first layer's weights as square "
                + "images; this model has no convolutions and its first layer does not read a square image");
    }
}
