package org.lethe.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lethe.data.Dataset;
import org.lethe.tensor.Rng;
import org.lethe.train.PreparedData;

/**
 * The example sets of an audit, as rows of the model's full data set: retain (the training examples of the
 * retrained models), forget, held out (the test split), the non-members of the membership attack (held-out
 * examples; only those of the forgotten classes when whole classes are forgotten), and the forget examples that
 * the per-example measures score (all of them, or a seeded sample when there are many).
 */
public final class AuditSets {
    /** Every example of the model's data; the other fields are rows of it. */
    public final Dataset all;
    /** The training examples of the models retrained without the forget set. */
    public final int[] retain;
    /** The forget set, in its own order. */
    public final int[] forget;
    /** The held-out (test) examples. */
    public final int[] heldOut;
    /** The membership attack's non-members. */
    public final int[] nonMembers;
    /** Positions in {@link #forget} of the examples scored by the per-example measures, ascending. */
    public final int[] scored;

    private AuditSets(Dataset all, int[] retain, int[] forget, int[] heldOut, int[] nonMembers, int[] scored) {
        this.all = all;
        this.retain = retain;
        this.forget = forget;
        this.heldOut = heldOut;
        this.nonMembers = nonMembers;
        this.scored = scored;
    }

    static AuditSets of(Dataset all, PreparedData retrained, ForgetSet forgetSet, int maxScored, long seed) {
        int[] retain = rowsOf(all, retrained.train.ids());
        int[] forget = rowsOf(all, forgetSet.ids());
        int[] heldOut = rowsOf(all, retrained.test.ids());
        int[] nonMembers = heldOut;
        int[] classes = forgetSet.classes();
        if (classes != null) {
            Set<Integer> wanted = new HashSet<>();
            for (int c : classes) {
                wanted.add(c);
            }
            nonMembers = Arrays.stream(heldOut).filter(r -> wanted.contains(all.label(r))).toArray();
        }
        int[] scored;
        if (forget.length <= maxScored) {
            scored = new int[forget.length];
            for (int i = 0; i < scored.length; i++) {
                scored[i] = i;
            }
        } else {
            scored = Arrays.copyOf(new Rng(Rng.derive(seed, 0x5C0BEDL)).permutation(forget.length), maxScored);
            Arrays.sort(scored);
        }
        return new AuditSets(all, retain, forget, heldOut, nonMembers, scored);
    }

    private static int[] rowsOf(Dataset all, List<String> ids) {
        int[] rows = new int[ids.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = all.indexOf(ids.get(i));
            if (rows[i] < 0) {
                missing.add(ids.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("examples " + missing.subList(0, Math.min(5, missing.size()))
                    + " are missing from " + all.name());
        }
        return rows;
    }

    /** The labels of {@code rows}. */
    int[] labels(int[] rows) {
        return all.labels(rows);
    }

    /** Every row any measure uses, ascending. */
    int[] usedRows() {
        Set<Integer> s = new java.util.TreeSet<>();
        for (int[] rows : new int[][] {retain, forget, heldOut}) {
            for (int r : rows) {
                s.add(r);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }
}
