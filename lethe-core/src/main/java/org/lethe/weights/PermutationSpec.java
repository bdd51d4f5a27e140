package org.lethe.weights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.nn.Linear;
import org.lethe.nn.Mlp;
import org.lethe.nn.Module;
import org.lethe.nn.SmallCnn;
import org.lethe.tensor.NDArray;

/**
 * The permutation symmetries of an architecture: which hidden units can be reordered, and which weight axes move
 * with them. Permuting every group by any permutations gives a network that computes exactly the same function.
 * Known for {@link Mlp} (the units of each hidden layer) and {@link SmallCnn} (the channels of both convolutions
 * and the hidden units of its first linear layer).
 *
 * @param groups the groups, in layer order
 */
public record PermutationSpec(List<PermutationGroup> groups) {
    /** Copies the groups. */
    public PermutationSpec {
        groups = List.copyOf(groups);
    }

    /** The spec of {@code model}'s architecture; other architectures are refused with a message naming the known ones. */
    public static PermutationSpec of(Module model) {
        if (model instanceof Mlp mlp) {
            return mlp(mlp);
        }
        if (model instanceof SmallCnn cnn) {
            return cnn(cnn);
        }
        throw new IllegalArgumentException("no permutation spec for " + model.getClass().getSimpleName()
                + " (known: mlp, cnn)");
    }

    private static PermutationSpec mlp(Mlp mlp) {
        List<Linear> layers = mlp.layers();
        List<PermutationGroup> groups = new ArrayList<>();
        for (int l = 0; l + 1 < layers.size(); l++) {
            String own = "fc" + l;
            String next = "fc" + (l + 1);
            groups.add(new PermutationGroup(own, layers.get(l).outFeatures(), List.of(
                    new PermutedAxis(own + ".weight", 0, 1), new PermutedAxis(own + ".bias", 0, 1),
                    new PermutedAxis(next + ".weight", 1, 1))));
        }
        return new PermutationSpec(groups);
    }

    private static PermutationSpec cnn(SmallCnn cnn) {
        int c0 = cnn.conv0().outChannels();
        int c1 = cnn.conv1().outChannels();
        int spatial = cnn.fc0().inFeatures() / c1;
        return new PermutationSpec(List.of(
                new PermutationGroup("conv0", c0, List.of(new PermutedAxis("conv0.weight", 0, 1),
                        new PermutedAxis("conv0.bias", 0, 1), new PermutedAxis("conv1.weight", 1, 1))),
                new PermutationGroup("conv1", c1, List.of(new PermutedAxis("conv1.weight", 0, 1),
                        new PermutedAxis("conv1.bias", 0, 1), new PermutedAxis("fc0.weight", 1, spatial))),
                new PermutationGroup("fc0", cnn.fc0().outFeatures(), List.of(new PermutedAxis("fc0.weight", 0, 1),
                        new PermutedAxis("fc0.bias", 0, 1), new PermutedAxis("fc1.weight", 1, 1)))));
    }

    /** The identity permutation of every group. */
    public int[][] identity() {
        int[][] out = new int[groups.size()][];
        for (int g = 0; g < out.length; g++) {
            out[g] = new int[groups.get(g).size()];
            for (int i = 0; i < out[g].length; i++) {
                out[g][i] = i;
            }
        }
        return out;
    }

    /**
     * {@code weights} with every group's units reordered: unit {@code i} of group {@code g} in the result is unit
     * {@code perms[g][i]} of {@code weights}.
     */
    public WeightSet apply(WeightSet weights, int[][] perms) {
        return apply(weights, perms, -1);
    }

    /** As {@link #apply(WeightSet, int[][])}, leaving group {@code skip} as it is (none when negative). */
    WeightSet apply(WeightSet weights, int[][] perms, int skip) {
        if (perms.length != groups.size()) {
            throw new IllegalArgumentException(perms.length + " permutations for " + groups.size() + " groups");
        }
        Map<String, NDArray> out = new LinkedHashMap<>(weights.values());
        for (int g = 0; g < groups.size(); g++) {
            if (g == skip) {
                continue;
            }
            requirePermutation(perms[g], groups.get(g));
            for (PermutedAxis a : groups.get(g).axes()) {
                out.put(a.parameter(), a.permute(out.get(requireParameter(weights, a)), perms[g]));
            }
        }
        return WeightSet.owning(out);
    }

    /**
     * Weight {@code parameter} of {@code weights} with every group's permutation applied except group {@code skip}'s:
     * what one coordinate-descent step needs, without permuting the weights it does not read.
     */
    NDArray permutedExcept(WeightSet weights, int[][] perms, String parameter, int skip) {
        NDArray out = weights.get(parameter);
        for (int g = 0; g < groups.size(); g++) {
            if (g == skip) {
                continue;
            }
            for (PermutedAxis a : groups.get(g).axes()) {
                if (a.parameter().equals(parameter)) {
                    out = a.permute(out, perms[g]);
                }
            }
        }
        return out;
    }

    /** Fails unless {@code weights} has every weight this spec permutes, with matching unit counts. */
    public void check(WeightSet weights) {
        for (PermutationGroup g : groups) {
            for (PermutedAxis a : g.axes()) {
                int units = a.units(weights.get(requireParameter(weights, a)));
                if (units != g.size()) {
                    throw new IllegalArgumentException("mismatched shapes: " + a.parameter() + " has " + units
                            + " units along axis " + a.axis() + ", group " + g.name() + " has " + g.size());
                }
            }
        }
    }

    private static String requireParameter(WeightSet weights, PermutedAxis a) {
        if (!weights.values().containsKey(a.parameter())) {
            throw new IllegalArgumentException("mismatched architectures: no weight " + a.parameter());
        }
        return a.parameter();
    }

    private static void requirePermutation(int[] p, PermutationGroup g) {
        if (p.length != g.size()) {
            throw new IllegalArgumentException("a permutation of " + p.length + " for group " + g.name() + " of "
                    + g.size() + " units");
        }
        boolean[] seen = new boolean[p.length];
        for (int i : p) {
            if (i < 0 || i >= p.length || seen[i]) {
                throw new IllegalArgumentException("not a permutation for group " + g.name());
            }
            seen[i] = true;
        }
    }
}
