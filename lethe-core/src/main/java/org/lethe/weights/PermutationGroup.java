package org.lethe.weights;

import java.util.List;

/**
 * A set of hidden units that may be reordered without changing what a network computes (the units of one hidden
 * layer, or the channels of one convolution), with every weight axis that must be reordered with them.
 *
 * @param name  a label (the layer whose outputs the units are)
 * @param size  the number of units
 * @param axes  the weight axes the units run along: the layer's own rows and bias, the next layer's columns
 */
public record PermutationGroup(String name, int size, List<PermutedAxis> axes) {
    /** Copies the axes. */
    public PermutationGroup {
        if (size < 1 || axes == null || axes.isEmpty()) {
            throw new IllegalArgumentException("permutation group " + name + " needs units and axes");
        }
        axes = List.copyOf(axes);
    }
}
