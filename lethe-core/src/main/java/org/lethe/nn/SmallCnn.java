package org.lethe.nn;

import org.lethe.autograd.Convolution;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.Rng;
import org.lethe.tensor.Shapes;

/**
 * The benchmark CNN for single-channel square images:
 * {@code conv5x5(c0)-ReLU-maxpool2 -> conv5x5(c1)-ReLU-maxpool2 -> fc(hidden)-ReLU -> fc(classes)}, with
 * children {@code conv0}, {@code conv1}, {@code fc0}, {@code fc1}. Inputs are {@code [N, 1, side, side]} or
 * flattened {@code [N, side*side]}.
 *
 * <p>Each block pools before its ReLU: ReLU is monotone, so {@code relu(max(x)) = max(relu(x))} and the
 * gradients are identical (the chosen element is the same whenever the gradient is non-zero), while the ReLU
 * runs on a quarter of the elements.
 */
public final class SmallCnn extends Layer {
    private static final int KERNEL = 5;
    private static final int POOL = 2;
    private final Conv2d conv0;
    private final Conv2d conv1;
    private final Linear fc0;
    private final Linear fc1;
    private final int side;

    /**
     * @param side      input height and width (28 for MNIST)
     * @param channels0 output channels of the first convolution
     * @param channels1 output channels of the second convolution
     * @param hidden    width of the hidden fully connected layer
     * @param classes   number of outputs
     */
    public SmallCnn(Algebra algebra, Rng rng, int side, int channels0, int channels1, int hidden, int classes) {
        int afterFirst = (side - KERNEL + 1) / POOL;
        int afterSecond = (afterFirst - KERNEL + 1) / POOL;
        if (afterSecond < 1) {
            throw new IllegalArgumentException("images of side " + side + " are too small for two 5x5 conv + 2x2 pool blocks");
        }
        this.side = side;
        this.conv0 = addChild("conv0", new Conv2d(algebra, rng, 1, channels0, KERNEL));
        this.conv1 = addChild("conv1", new Conv2d(algebra, rng, channels0, channels1, KERNEL));
        this.fc0 = addChild("fc0", new Linear(algebra, rng, channels1 * afterSecond * afterSecond, hidden, true));
        this.fc1 = addChild("fc1", new Linear(algebra, rng, hidden, classes, true));
    }

    /** The benchmark configuration for 28x28 images: 32 and 64 channels, 128 hidden units, 10 classes. */
    public SmallCnn(Algebra algebra, Rng rng) {
        this(algebra, rng, 28, 32, 64, 128, 10);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h;
        if (x.rank() == 2 && x.dim(1) == side * side) {
            h = x.reshape(x.dim(0), 1, side, side);
        } else if (x.rank() == 4 && x.dim(1) == 1 && x.dim(2) == side && x.dim(3) == side) {
            h = x;
        } else {
            throw new IllegalArgumentException("SmallCnn needs [N, 1, " + side + ", " + side + "] or [N, "
                    + side * side + "] input, got " + Shapes.str(x.shape()));
        }
        h = Convolution.maxPool2d(conv0.forward(h), POOL).relu();
        h = Convolution.maxPool2d(conv1.forward(h), POOL).relu();
        h = fc0.forward(h.reshape(h.dim(0), -1)).relu();
        return fc1.forward(h);
    }

    public Conv2d conv0() {
        return conv0;
    }

    public Conv2d conv1() {
        return conv1;
    }

    public Linear fc0() {
        return fc0;
    }

    public Linear fc1() {
        return fc1;
    }
}
