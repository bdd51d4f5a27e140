package org.lethe.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which examples fed which optimiser steps of a training run.
 *
 * <p>The log is stored compactly as the run's seed, batch size, number of epochs and the ordered example ids:
 * step {@code t} of epoch {@code e} takes the {@code t}-th chunk of {@link EpochOrder#order} (the last chunk of
 * an epoch may be smaller). Everything else is derived, and queries run both ways: the examples of a step, and
 * the steps that used an example or any example of a subject.
 */
public final class ProvenanceLog {
    private final String[] ids;
    private final String[] subjects;
    private final long seed;
    private final int batchSize;
    private final int epochs;
    private final int stepsPerEpoch;
    private final int maxSteps;
    private final Map<String, Integer> indexOfId;
    private final int[][] orders;
    private final int[][] positions;

    /**
     * @param ids       stable example ids, unique, in data-set order
     * @param subjects  the subject of each example (entries may be null), or null when there are none
     */
    public ProvenanceLog(String[] ids, String[] subjects, long seed, int batchSize, int epochs) {
        this(ids, subjects, seed, batchSize, epochs, 0);
    }

    /**
     * A run limited to its first {@code maxSteps} steps (0: no limit), for training by a step budget; the epochs
     * must cover the budget.
     */
    public ProvenanceLog(String[] ids, String[] subjects, long seed, int batchSize, int epochs, int maxSteps) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive: " + epochs);
        }
        if (ids.length == 0) {
            throw new IllegalArgumentException("cannot train on an empty data set");
        }
        if (subjects != null && subjects.length != ids.length) {
            throw new IllegalArgumentException(subjects.length + " subjects for " + ids.length + " examples");
        }
        this.ids = ids.clone();
        this.subjects = subjects == null ? null : subjects.clone();
        this.seed = seed;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.stepsPerEpoch = (ids.length + batchSize - 1) / batchSize;
        if (maxSteps < 0 || (long) maxSteps > (long) stepsPerEpoch * epochs) {
            throw new IllegalArgumentException("step budget " + maxSteps + " outside 0.." + (long) stepsPerEpoch * epochs
                    + " (" + epochs + " epochs of " + stepsPerEpoch + " steps)");
        }
        this.maxSteps = maxSteps;
        this.indexOfId = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (indexOfId.put(ids[i], i) != null) {
                throw new IllegalArgumentException("duplicate example id: " + ids[i]);
            }
        }
        this.orders = new int[epochs][];
        this.positions = new int[epochs][];
    }

    public long seed() {
        return seed;
    }

    public int batchSize() {
        return batchSize;
    }

    public int epochs() {
        return epochs;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Total optimiser steps of the run. */
    public int steps() {
        return maxSteps > 0 ? maxSteps : stepsPerEpoch * epochs;
    }

    /** The step budget, or 0 when the run covers all its epochs. */
    public int maxSteps() {
        return maxSteps;
    }

    /** The example ids in data-set order. */
    public String[] ids() {
        return ids.clone();
    }

    /** The subjects in data-set order, or null. */
    public String[] subjects() {
        return subjects == null ? null : subjects.clone();
    }

    private synchronized int[] order(int epoch) {
        if (orders[epoch] == null) {
            int[] ord = EpochOrder.order(ids, seed, epoch);
            int[] pos = new int[ord.length];
            for (int i = 0; i < ord.length; i++) {
                pos[ord[i]] = i;
            }
            orders[epoch] = ord;
            positions[epoch] = pos;
        }
        return orders[epoch];
    }

    /** Data-set indices of the examples in step {@code step}, in batch order. */
    public int[] batch(int step) {
        requireStep(step);
        int epoch = step / stepsPerEpoch;
        int within = step % stepsPerEpoch;
        int from = within * batchSize;
        int to = Math.min(from + batchSize, ids.length);
        return Arrays.copyOfRange(order(epoch), from, to);
    }

    /** Ids of the examples in step {@code step}. */
    public String[] batchIds(int step) {
        int[] b = batch(step);
        String[] out = new String[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = ids[b[i]];
        }
        return out;
    }

    /** Steps (ascending, one per epoch within the run's steps) whose batch contained example {@code id}. */
    public int[] stepsUsing(String id) {
        Integer index = indexOfId.get(id);
        if (index == null) {
            throw new IllegalArgumentException("unknown example id: " + id);
        }
        int[] out = new int[epochs];
        int n = 0;
        for (int e = 0; e < epochs; e++) {
            order(e);
            int pos = positions[e][index];
            int step = e * stepsPerEpoch + pos / batchSize;
            if (step < steps()) {
                out[n++] = step;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Steps (ascending, distinct) that used any example of {@code subject}. */
    public int[] stepsUsingSubject(String subject) {
        return stepsUsingAny(idsOfSubject(subject));
    }

    /** Steps (ascending, distinct) that used any of {@code exampleIds}. */
    public int[] stepsUsingAny(Collection<String> exampleIds) {
        Set<Integer> steps = new TreeSet<>();
        for (String id : exampleIds) {
            for (int s : stepsUsing(id)) {
                steps.add(s);
            }
        }
        return steps.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Ids of the examples owned by {@code subject}, in data-set order; an error if there are none. */
    public List<String> idsOfSubject(String subject) {
        if (subjects == null) {
            throw new IllegalArgumentException("this run has no subjects");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (subject.equals(subjects[i])) {
                out.add(ids[i]);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("unknown subject: " + subject);
        }
        return out;
    }

    /** Distinct subjects in first-appearance order. */
    public List<String> subjectList() {
        Set<String> out = new LinkedHashSet<>();
        if (subjects != null) {
            for (String s : subjects) {
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** True when the log knows example {@code id}. */
    public boolean contains(String id) {
        return indexOfId.containsKey(id);
    }

    private void requireStep(int step) {
        if (step < 0 || step >= steps()) {
            throw new IndexOutOfBoundsException("step " + step + " outside run of " + steps() + " steps");
        }
    }
}
