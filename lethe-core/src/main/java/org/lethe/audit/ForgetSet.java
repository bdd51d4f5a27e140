package org.lethe.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lethe.data.Dataset;
import org.lethe.data.Selection;
import org.lethe.store.DeletionRecord;

/**
 * The examples an audit checks were forgotten, resolved against the model's original training examples (its
 * training set plus any examples deleted from it; never held-out ones). Built from subjects, ids or classes, or
 * from the model's own deletion record. Unknown subjects, ids or classes are an error naming them.
 */
public final class ForgetSet {
    private final List<String> ids;
    private final String description;
    private final String source;
    private final int[] classes;

    private ForgetSet(List<String> ids, String description, String source, int[] classes) {
        this.ids = List.copyOf(ids);
        this.description = description;
        this.source = source;
        this.classes = classes;
    }

    /** What to forget, before it is resolved against a model. */
    public static final class Spec implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String kind;
        private final List<String> names;

        private Spec(String kind, List<String> names) {
            this.kind = kind;
            this.names = List.copyOf(names);
        }

        /** Every training example of these subjects. */
        public static Spec subjects(Collection<String> subjects) {
            return new Spec("subjects", requireSome(subjects, "subject"));
        }

        /** These training examples. */
        public static Spec ids(Collection<String> ids) {
            return new Spec("ids", requireSome(ids, "example id"));
        }

        /** Every training example with one of these labels. */
        public static Spec classes(Collection<Integer> classes) {
            List<String> names = new ArrayList<>();
            for (int c : classes) {
                names.add(Integer.toString(c));
            }
            return new Spec("classes", requireSome(names, "class"));
        }

        /** The examples the model's deletion record says were removed. */
        public static Spec fromDeletionRecord() {
            return new Spec("deletion", List.of());
        }

        /** True for {@link #fromDeletionRecord()}. */
        public boolean usesDeletionRecord() {
            return kind.equals("deletion");
        }

        private static List<String> requireSome(Collection<String> values, String what) {
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("a forget set needs at least one " + what);
            }
            return new ArrayList<>(new LinkedHashSet<>(values));
        }
    }

    /** Resolves {@code spec} against the original training examples of {@code model}. */
    public static ForgetSet resolve(Spec spec, StoredClassifier model) {
        Dataset all = model.allExamples();
        Set<String> heldOut = new java.util.HashSet<>(model.data.test.ids());
        int[] candidateRows = new int[all.size() - heldOut.size()];
        int n = 0;
        for (int i = 0; i < all.size(); i++) {
            if (!heldOut.contains(all.id(i))) {
                candidateRows[n++] = i;
            }
        }
        Dataset candidates = all.select(java.util.Arrays.copyOf(candidateRows, n));
        switch (spec.kind) {
            case "subjects": {
                Selection s = Selection.ofSubjects(candidates, spec.names);
                return new ForgetSet(s.forgetIds(), s.forgetCount() + " training examples of " + plural(spec.names, "subject"),
                        "subjects", null);
            }
            case "ids": {
                List<String> held = new ArrayList<>();
                for (String id : spec.names) {
                    if (heldOut.contains(id)) {
                        held.add(id);
                    }
                }
                if (!held.isEmpty()) {
                    throw new IllegalArgumentException("example ids " + abbreviate(held) + " are held out: the model "
                            + "never trained on them, so there is nothing to forget");
                }
                Selection s = Selection.ofIds(candidates, spec.names);
                return new ForgetSet(s.forgetIds(), s.forgetCount() + " training examples named by id", "ids", null);
            }
            case "classes": {
                int[] classes = new int[spec.names.size()];
                for (int i = 0; i < classes.length; i++) {
                    classes[i] = Integer.parseInt(spec.names.get(i));
                }
                Selection s = Selection.ofClasses(candidates, classes);
                return new ForgetSet(s.forgetIds(), s.forgetCount() + " training examples of " + plural(spec.names, "class"),
                        "classes", classes);
            }
            default:
                return fromRecord(model, candidates);
        }
    }

    private static ForgetSet fromRecord(StoredClassifier model, Dataset candidates) {
        DeletionRecord record = model.deletionRecord();
        if (record == null) {
            throw new IllegalArgumentException(model.dir + " was not written by a deletion (no "
                    + StoredClassifier.DELETION_RECORD + "); name the forget set (subjects, ids or classes)");
        }
        if (record.removedIds().isEmpty()) {
            throw new IllegalArgumentException(model.dir.resolve(StoredClassifier.DELETION_RECORD)
                    + " lists no removed examples; name the forget set (subjects, ids or classes)");
        }
        Selection s = Selection.ofIds(candidates, record.removedIds());
        String who = record.subjects().isEmpty() ? "" : " (" + plural(record.subjects(), "subject") + ")";
        return new ForgetSet(s.forgetIds(), s.forgetCount() + " examples removed by the " + record.method()
                + " deletion" + who, "deletion record", null);
    }

    /** How many of the forgotten examples {@code model} trained on. */
    int trainedOnBy(StoredClassifier model) {
        int seen = 0;
        for (String id : ids) {
            if (model.data.train.indexOf(id) >= 0) {
                seen++;
            }
        }
        return seen;
    }

    /** The forgotten examples' ids, in the data set's order. */
    public List<String> ids() {
        return ids;
    }

    /** The number of examples. */
    public int size() {
        return ids.size();
    }

    /** For reports, e.g. {@code 20 training examples of subject subject-0007}. */
    public String description() {
        return description;
    }

    /** Where the set came from: {@code subjects}, {@code ids}, {@code classes} or {@code deletion record}. */
    public String source() {
        return source;
    }

    /** The forgotten classes when the set is whole classes, else null. */
    public int[] classes() {
        return classes == null ? null : classes.clone();
    }

    private static String plural(List<String> names, String noun) {
        String plural = noun.endsWith("s") ? noun + "es" : noun + "s";
        return (names.size() == 1 ? noun : plural) + " " + abbreviate(names);
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }
}
