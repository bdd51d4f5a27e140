package org.lethe.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.lethe.data.Dataset;
import org.lethe.data.Selection;

/**
 * The examples a suppression-versus-erasure test reads: the retained training examples, the forgotten ones and
 * held-out test examples, with the input shape the classifiers expect.
 */
public final class ErasureTestData {
    /** Training examples that were kept. */
    public final Dataset retain;
    /** Training examples that were (to be) forgotten. */
    public final Dataset forget;
    /** Held-out examples no model trained on. */
    public final Dataset test;
    /** The model input shape with a leading 0 for the batch axis, or null for flat features. */
    public final int[] inputShape;

    public ErasureTestData(Dataset retain, Dataset forget, Dataset test, int[] inputShape) {
        if (forget.size() == 0) {
            throw new IllegalArgumentException("the forget set is empty");
        }
        if (retain.featureCount() != forget.featureCount() || test.featureCount() != forget.featureCount()) {
            throw new IllegalArgumentException("retain, forget and test examples have different feature counts: "
                    + retain.featureCount() + ", " + forget.featureCount() + ", " + test.featureCount());
        }
        this.retain = retain;
        this.forget = forget;
        this.test = test;
        this.inputShape = inputShape == null ? null : inputShape.clone();
    }

    /**
     * Splits {@code trainingPool} (every example the original model trained on) by {@code selection} (made on
     * that pool) into forget and retain; {@code test} is held out.
     */
    public static ErasureTestData of(Dataset trainingPool, Selection selection, Dataset test, int[] inputShape) {
        return new ErasureTestData(trainingPool.select(selection.retain()), trainingPool.select(selection.forget()),
                test, inputShape);
    }

    /** One more than the largest label of any part. */
    public int classCount() {
        return Math.max(retain.classCount(), Math.max(forget.classCount(), test.classCount()));
    }

    /**
     * Classes that occur among the forgotten examples but not among the retained ones (a class deletion), in
     * ascending order; empty when the forget set shares its classes with the retain set.
     */
    public List<Integer> forgottenClasses() {
        Set<Integer> inRetain = new TreeSet<>();
        for (int i = 0; i < retain.size(); i++) {
            inRetain.add(retain.label(i));
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (int c : new TreeSet<>(labelsOf(forget))) {
            if (!inRetain.contains(c)) {
                out.add(c);
            }
        }
        return new ArrayList<>(out);
    }

    private static List<Integer> labelsOf(Dataset d) {
        List<Integer> out = new ArrayList<>(d.size());
        for (int i = 0; i < d.size(); i++) {
            out.add(d.label(i));
        }
        return out;
    }
}
