package org.lethe.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Validated ids and subjects shared by the {@link Examples} implementations: lookup and the common checks. */
final class IdIndex {
    /** How many offending names an error message lists before summarising the rest. */
    static final int MAX_LISTED = 10;

    private final String[] ids;
    private final String[] subjects;
    // Built on first use for a selection of a validated index (a deletion's remaining data may never look an id
    // up); published through volatile fields, built under this object's lock.
    private volatile Map<String, Integer> byId;
    private volatile List<String> distinctSubjects;

    /** {@code subjects} may be null (no subjects) or hold nulls (examples without a subject). */
    IdIndex(String owner, String[] ids, String[] subjects) {
        if (subjects != null && subjects.length != ids.length) {
            throw new IllegalArgumentException(owner + ": " + subjects.length + " subjects for " + ids.length + " examples");
        }
        this.ids = ids;
        this.byId = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == null || ids[i].isEmpty()) {
                throw new IllegalArgumentException(owner + ": example " + i + " has an empty id");
            }
            Integer previous = byId.put(ids[i], i);
            if (previous != null) {
                throw new IllegalArgumentException(owner + ": duplicate id '" + ids[i] + "' (examples " + previous + " and " + i + ")");
            }
        }
        boolean any = false;
        if (subjects != null) {
            for (String s : subjects) {
                if (s != null) {
                    if (s.isEmpty()) {
                        throw new IllegalArgumentException(owner + ": empty subject name");
                    }
                    any = true;
                }
            }
        }
        this.subjects = any ? subjects : null;
    }

    private IdIndex(String[] ids, String[] subjects) {
        this.ids = ids;
        this.subjects = subjects;
    }

    /**
     * The examples at {@code indices} of this index, in that order. Their ids and subjects were validated here,
     * so only repeated indices (which would repeat ids) are checked; the lookup table is built on first use.
     */
    IdIndex select(String owner, int[] indices) {
        boolean[] taken = new boolean[ids.length];
        String[] selectedIds = new String[indices.length];
        boolean any = false;
        String[] selectedSubjects = subjects == null ? null : new String[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], ids.length);
            if (taken[i]) {
                throw new IllegalArgumentException(owner + ": duplicate id '" + ids[i] + "' (example " + i + " selected twice)");
            }
            taken[i] = true;
            selectedIds[k] = ids[i];
            if (selectedSubjects != null) {
                selectedSubjects[k] = subjects[i];
                any |= subjects[i] != null;
            }
        }
        return new IdIndex(selectedIds, any ? selectedSubjects : null);
    }

    private Map<String, Integer> byId() {
        Map<String, Integer> m = byId;
        if (m != null) {
            return m;
        }
        synchronized (this) {
            if (byId == null) {
                Map<String, Integer> built = new HashMap<>(ids.length * 2);
                for (int i = 0; i < ids.length; i++) {
                    built.put(ids[i], i);
                }
                byId = built;
            }
            return byId;
        }
    }

    int size() {
        return ids.length;
    }

    String id(int i) {
        return ids[i];
    }

    String subject(int i) {
        Objects.checkIndex(i, ids.length);
        return subjects == null ? null : subjects[i];
    }

    boolean hasSubjects() {
        return subjects != null;
    }

    int indexOf(String id) {
        Integer i = byId().get(id);
        return i == null ? -1 : i;
    }

    List<String> ids() {
        return Collections.unmodifiableList(Arrays.asList(ids));
    }

    List<String> distinctSubjects() {
        List<String> known = distinctSubjects;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (distinctSubjects == null) {
                LinkedHashSet<String> distinct = new LinkedHashSet<>();
                if (subjects != null) {
                    for (String s : subjects) {
                        if (s != null) {
                            distinct.add(s);
                        }
                    }
                }
                distinctSubjects = Collections.unmodifiableList(new ArrayList<>(distinct));
            }
            return distinctSubjects;
        }
    }

    String[] selectIds(int[] indices) {
        String[] out = new String[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = ids[indices[k]];
        }
        return out;
    }

    String[] selectSubjects(int[] indices) {
        if (subjects == null) {
            return null;
        }
        String[] out = new String[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = subjects[indices[k]];
        }
        return out;
    }

    /** Subjects array for a map from id to subject; unknown ids are an error listing them. */
    String[] subjectsFrom(String owner, Map<String, String> subjectById) {
        List<String> unknown = new ArrayList<>();
        String[] out = new String[ids.length];
        for (Map.Entry<String, String> e : subjectById.entrySet()) {
            int i = indexOf(e.getKey());
            if (i < 0) {
                unknown.add(e.getKey());
            } else {
                out[i] = e.getValue();
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + ": subject map names unknown example ids " + list(unknown));
        }
        return out;
    }

    /** Up to {@link #MAX_LISTED} names, then a count of the rest. */
    static String list(List<String> names) {
        if (names.size() <= MAX_LISTED) {
            return names.toString();
        }
        return names.subList(0, MAX_LISTED).toString() + " and " + (names.size() - MAX_LISTED) + " more";
    }
}
