package org.lethe.weights;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of aligning model A to model B: one permutation per {@link PermutationGroup} (unit {@code i} of the
 * aligned A is unit {@code permutations[g][i]} of A), how it was found, and the aligned weights.
 *
 * @param method       {@code weights} or {@code activations}
 * @param permutations one permutation per group
 * @param sweeps       coordinate-descent sweeps over the layers (1 for activation matching, which solves each layer once)
 * @param restarts     starts tried (the best kept)
 * @param objective    the matching objective of the result: the weight inner product {@code <W_B, P W_A>} summed
 *                     over layers, or the summed correlation of matched units
 * @param seconds      wall time of the matching
 * @param aligned      A with its units permuted: the same function as A
 */
public record Alignment(String method, int[][] permutations, int sweeps, int restarts, double objective,
                        double seconds, WeightSet aligned) {
    /** How many units each permutation moved away from their place, per group. */
    public List<Integer> unitsMoved() {
        List<Integer> out = new ArrayList<>();
        for (int[] p : permutations) {
            int moved = 0;
            for (int i = 0; i < p.length; i++) {
                if (p[i] != i) {
                    moved++;
                }
            }
            out.add(moved);
        }
        return out;
    }
}
