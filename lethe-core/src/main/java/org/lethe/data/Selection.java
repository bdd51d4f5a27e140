package org.lethe.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.lethe.tensor.Rng;

/**
 * A forget/retain partition of a collection's examples: the examples to unlearn and the rest. Both index lists
 * are ascending. Selecting ids, subjects or classes that do not exist is an error naming them, so a typo never
 * silently forgets nothing.
 */
public final class Selection {
    private final int[] forget;
    private final int[] retain;
    private final List<String> forgetIds;
    private final String description;

    private Selection(Examples examples, boolean[] mask, String description) {
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        if (count == 0) {
            throw new IllegalArgumentException(examples.name() + ": the selection " + description + " is empty");
        }
        this.forget = new int[count];
        this.retain = new int[mask.length - count];
        List<String> ids = new ArrayList<>(count);
        int f = 0;
        int r = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                forget[f++] = i;
                ids.add(examples.id(i));
            } else {
                retain[r++] = i;
            }
        }
        this.forgetIds = List.copyOf(ids);
        this.description = description;
    }

    /** Forgets the examples with these ids; unknown ids are an error listing them. */
    public static Selection ofIds(Examples examples, Collection<String> ids) {
        boolean[] mask = new boolean[examples.size()];
        List<String> unknown = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            int i = examples.indexOf(id);
            if (i < 0) {
                unknown.add(id);
            } else {
                mask[i] = true;
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(examples.name() + ": unknown example ids " + IdIndex.list(unknown));
        }
        return new Selection(examples, mask, "ids " + IdIndex.list(new ArrayList<>(new LinkedHashSet<>(ids))));
    }

    /** Forgets every example of these subjects; subjects that own no example are an error listing them. */
    public static Selection ofSubjects(Examples examples, Collection<String> subjects) {
        if (!examples.hasSubjects()) {
            throw new IllegalArgumentException(examples.name() + " has no subjects; attach a subject map first");
        }
        Set<String> wanted = new LinkedHashSet<>(subjects);
        List<String> unknown = new ArrayList<>(wanted);
        unknown.removeAll(new LinkedHashSet<>(examples.distinctSubjects()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(examples.name() + ": unknown subjects " + IdIndex.list(unknown));
        }
        boolean[] mask = new boolean[examples.size()];
        for (int i = 0; i < mask.length; i++) {
            String s = examples.subject(i);
            mask[i] = s != null && wanted.contains(s);
        }
        return new Selection(examples, mask, "subjects " + IdIndex.list(new ArrayList<>(wanted)));
    }

    /** Forgets every example with one of these labels; a label with no examples is an error. */
    public static Selection ofClasses(Dataset dataset, int... classes) {
        Set<Integer> wanted = new TreeSet<>();
        for (int c : classes) {
            wanted.add(c);
        }
        boolean[] mask = new boolean[dataset.size()];
        Set<Integer> seen = new TreeSet<>();
        for (int i = 0; i < mask.length; i++) {
            if (wanted.contains(dataset.label(i))) {
                mask[i] = true;
                seen.add(dataset.label(i));
            }
        }
        Set<Integer> missing = new TreeSet<>(wanted);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(dataset.name() + ": no examples of class " + missing
                    + " (labels are 0.." + (dataset.classCount() - 1) + ")");
        }
        return new Selection(dataset, mask, "classes " + wanted);
    }

    /** Forgets {@code count} examples drawn without replacement by a generator seeded with {@code seed}. */
    public static Selection random(Examples examples, int count, long seed) {
        if (count < 1 || count > examples.size()) {
            throw new IllegalArgumentException(examples.name() + ": cannot select " + count + " of " + examples.size() + " examples");
        }
        int[] perm = new Rng(seed).permutation(examples.size());
        boolean[] mask = new boolean[examples.size()];
        for (int k = 0; k < count; k++) {
            mask[perm[k]] = true;
        }
        return new Selection(examples, mask, "random " + count + " (seed " + seed + ")");
    }

    /** Forgets a seeded random {@code fraction} of the examples (rounded, at least one). */
    public static Selection randomFraction(Examples examples, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("forget fraction must be in (0, 1], got " + fraction);
        }
        return random(examples, (int) Math.max(1, Math.round(fraction * examples.size())), seed);
    }

    /** Indices to forget, ascending (a copy). */
    public int[] forget() {
        return forget.clone();
    }

    /** Indices to keep, ascending (a copy). */
    public int[] retain() {
        return retain.clone();
    }

    /** Ids of the examples to forget, in index order. */
    public List<String> forgetIds() {
        return forgetIds;
    }

    public int forgetCount() {
        return forget.length;
    }

    public int retainCount() {
        return retain.length;
    }

    /** What was selected, for logs and reports, for example {@code subjects [subject-0003]}. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description + ": forget " + forget.length + ", retain " + retain.length;
    }
}
