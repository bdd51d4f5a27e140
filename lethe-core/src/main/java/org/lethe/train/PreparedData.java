package org.lethe.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.data.Dataset;
import org.lethe.data.DatasetSource;
import org.lethe.data.Examples;
import org.lethe.data.Split;
import org.lethe.data.Subjects;
import org.lethe.data.TextCorpus;

/**
 * A run's data, rebuilt deterministically from its description: the source ({@code --data}), the subject
 * assignment (a CSV file, or generated with {@code k} examples per subject) and a seeded train/test split.
 * The description is saved in the run's config, so evaluation and deletion see exactly the training data.
 */
public final class PreparedData {
    public final String source;
    public final Examples all;
    public final Examples train;
    public final Examples test;
    public final DataDescription description;
    // The training examples before deletions, in training order (train is this without the excluded ids).
    private final Examples fullTrain;
    // What a run recorded, when the data was rebuilt from it because the source had examples removed; else null.
    private final RecordedExamples recorded;
    // Recorded examples that the source no longer holds, by id, with their subjects (empty unless rebuilt).
    private final Map<String, String> erased;

    private PreparedData(String source, Examples all, Examples train, Examples test, DataDescription description) {
        this(source, all, train, test, description, train, null, Map.of());
    }

    private PreparedData(String source, Examples all, Examples train, Examples test, DataDescription description,
                         Examples fullTrain, RecordedExamples recorded, Map<String, String> erased) {
        this.source = source;
        this.all = all;
        this.train = train;
        this.test = test;
        this.description = description;
        this.fullTrain = fullTrain;
        this.recorded = recorded;
        this.erased = erased;
    }

    /**
     * @param subjectsPer   generate subjects owning this many examples each (0: none, unless a file is given)
     * @param subjectsFile  CSV {@code example_id,subject}, or null
     */
    public static PreparedData prepare(String source, double testFraction, long splitSeed, int subjectsPer,
                                       Path subjectsFile) throws IOException {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1), got " + testFraction);
        }
        String key = cacheKey(source, testFraction, splitSeed, subjectsPer, subjectsFile);
        synchronized (CACHE) {
            java.lang.ref.SoftReference<PreparedData> ref = CACHE.get(key);
            PreparedData hit = ref == null ? null : ref.get();
            if (hit != null) {
                return hit;
            }
        }
        PreparedData fresh = load(source, testFraction, splitSeed, subjectsPer, subjectsFile);
        synchronized (CACHE) {
            CACHE.put(key, new java.lang.ref.SoftReference<>(fresh));
        }
        return fresh;
    }

    // Deletions and audits reopen the same data many times in one process; parsing and fingerprinting it again
    // would dominate their cost. Entries are keyed by everything that defines the data, including the size and
    // modification time of files, and held softly so that memory pressure can reclaim them.
    private static final java.util.Map<String, java.lang.ref.SoftReference<PreparedData>> CACHE =
            new java.util.LinkedHashMap<String, java.lang.ref.SoftReference<PreparedData>>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, java.lang.ref.SoftReference<PreparedData>> e) {
                    return size() > 4;
                }
            };

    private static String cacheKey(String source, double testFraction, long splitSeed, int subjectsPer, Path subjectsFile) {
        StringBuilder k = new StringBuilder(source).append('|').append(testFraction).append('|').append(splitSeed)
                .append('|').append(subjectsPer).append('|').append(subjectsFile);
        for (Path p : new Path[] {Path.of(source), subjectsFile}) {
            try {
                if (p != null && java.nio.file.Files.exists(p)) {
                    k.append('|').append(java.nio.file.Files.size(p)).append('@').append(java.nio.file.Files.getLastModifiedTime(p));
                }
            } catch (IOException | java.nio.file.InvalidPathException ignored) {
                // A name such as "digits" is not a file; it needs no stamp.
            }
        }
        return k.toString();
    }

    /**
     * {@link #prepare} without the process's cache and without its check of {@code testFraction} (for warming up the
     * preparation code with known-good arguments).
     */
    static PreparedData load(String source, double testFraction, long splitSeed, int subjectsPer,
                                     Path subjectsFile) throws IOException {
        Examples all = DatasetSource.load(source);
        if (subjectsFile != null) {
            all = all.withSubjects(Subjects.read(subjectsFile, all));
        } else if (subjectsPer > 0) {
            all = all.withSubjects(Subjects.random(all, subjectsPer, splitSeed));
        }
        Split split = Split.of(all, 1.0 - testFraction, 0.0, testFraction, splitSeed);
        Examples train = all.select(split.train());
        Examples test = all.select(split.test());
        DataDescription d = new DataDescription(source, testFraction, splitSeed, subjectsPer,
                subjectsFile == null ? null : subjectsFile.toAbsolutePath().toString(), train.size(), test.size(),
                train.fingerprint(), null);
        return new PreparedData(source, all, train, test, d);
    }

    /**
     * This data without the given training examples (a deletion). The exclusions are recorded in the
     * description, so {@link #fromDescription} rebuilds the reduced data.
     */
    public PreparedData without(java.util.Collection<String> ids) {
        java.util.Set<String> excluded = new java.util.TreeSet<>(excludedIds());
        excluded.addAll(ids);
        DataDescription d = description.withExcludedIds(new java.util.ArrayList<>(excluded));
        return new PreparedData(source, all, dropIds(train, new java.util.HashSet<>(ids)), test, d, fullTrain, recorded,
                erased);
    }

    /**
     * Training examples this model was trained on that the source data no longer holds and no deletion has removed
     * yet, by id, with their subjects (null for none), in training order: what a data-protection process erased from
     * the source first. Such a model can only be deleted from, and every deletion from it must include these.
     */
    public Map<String, String> pendingErasure() {
        if (erased.isEmpty()) {
            return Map.of();
        }
        java.util.Set<String> excluded = new java.util.HashSet<>(excludedIds());
        Map<String, String> out = new LinkedHashMap<>();
        RecordedExamples.Part t = recorded.train();
        for (int i = 0; i < t.size(); i++) {
            String id = t.ids().get(i);
            if (erased.containsKey(id) && !excluded.contains(id)) {
                out.put(id, t.subjects().get(i));
            }
        }
        return out;
    }

    /** The subject of a training or held-out example by id, also of one the source no longer holds; else null. */
    public String subjectOf(String id) {
        int i = all.indexOf(id);
        return i >= 0 ? all.subject(i) : erased.get(id);
    }

    /**
     * The ids of the examples the model was trained on, in training order: the training part, plus (at their
     * places) the {@link #pendingErasure() examples erased from the source} but not yet deleted from the model. This
     * is the order its provenance follows.
     */
    public String[] provenanceIds() {
        if (pendingErasure().isEmpty()) {
            return trainIds();
        }
        java.util.Set<String> excluded = new java.util.HashSet<>(excludedIds());
        List<String> ids = new java.util.ArrayList<>();
        for (String id : recorded.train().ids()) {
            if (!excluded.contains(id)) {
                ids.add(id);
            }
        }
        return ids.toArray(new String[0]);
    }

    /** The subjects of {@link #provenanceIds()} (null entries allowed), or null when there are none. */
    public String[] provenanceSubjects() {
        if (pendingErasure().isEmpty()) {
            return trainSubjects();
        }
        String[] ids = provenanceIds();
        String[] out = new String[ids.length];
        boolean any = false;
        for (int i = 0; i < ids.length; i++) {
            out[i] = subjectOf(ids[i]);
            any |= out[i] != null;
        }
        return any ? out : null;
    }

    /**
     * Every example's content fingerprint, for {@value RecordedExamples#FILE}: the training examples before deletions
     * (in training order) and the held-out ones. Data rebuilt from a record gives that record back unchanged.
     */
    public RecordedExamples recordExamples() {
        if (recorded != null) {
            return recorded;
        }
        return new RecordedExamples(part(fullTrain), part(test));
    }

    private static RecordedExamples.Part part(Examples e) {
        List<String> ids = new java.util.ArrayList<>(e.size());
        List<String> subjects = new java.util.ArrayList<>(e.size());
        List<String> prints = new java.util.ArrayList<>(e.size());
        for (int i = 0; i < e.size(); i++) {
            ids.add(e.id(i));
            subjects.add(e.subject(i));
            prints.add(e.exampleFingerprint(i));
        }
        return new RecordedExamples.Part(ids, subjects, prints);
    }

    /** Ids removed from the training part by deletions, sorted. */
    public java.util.List<String> excludedIds() {
        return new java.util.ArrayList<>(description.excluded());
    }

    private static Examples dropIds(Examples from, java.util.Set<String> ids) {
        int[] keep = new int[from.size()];
        int n = 0;
        for (int i = 0; i < from.size(); i++) {
            if (!ids.contains(from.id(i))) {
                keep[n++] = i;
            }
        }
        return from.select(java.util.Arrays.copyOf(keep, n));
    }

    /** Rebuilds the data a run config describes, checking that the training part is unchanged. */
    public static PreparedData fromDescription(DataDescription d) throws IOException {
        return fromDescription(d, null);
    }

    /**
     * Rebuilds the data a description names, checking that the training part is unchanged. When it changed and
     * {@code recordedFile} (a {@value RecordedExamples#FILE}) exists, the change is checked example by example:
     * if examples were only removed from the source, the data is rebuilt from the record (the same split, subjects
     * and order) without them, and {@link #pendingErasure()} lists the removed training examples; any other change
     * (an example changed or added) is refused with a message that says which.
     */
    public static PreparedData fromDescription(DataDescription d, Path recordedFile) throws IOException {
        boolean canCheck = recordedFile != null && java.nio.file.Files.isRegularFile(recordedFile);
        try {
            return fromDescriptionUnchecked(d);
        } catch (SourceChangedException e) {
            if (!canCheck) {
                throw new IOException(e.getMessage() + "; this model has no record of its examples ("
                        + RecordedExamples.FILE + "), so a change cannot be checked example by example");
            }
            return fromRecord(d, RecordedExamples.read(recordedFile));
        } catch (IllegalArgumentException e) {
            // A subjects file that still names erased examples no longer fits the source; the record has the subjects.
            if (!canCheck) {
                throw e;
            }
            PreparedData rebuilt = fromRecord(d, RecordedExamples.read(recordedFile));
            if (rebuilt.erased.isEmpty()) {
                throw e;
            }
            return rebuilt;
        }
    }

    // The description's data, rebuilt from the record's ids, subjects and order over what the source still holds.
    private static PreparedData fromRecord(DataDescription d, RecordedExamples rec) throws IOException {
        String source = d.source();
        Examples current = DatasetSource.load(source);
        Map<String, String> recordedPrint = new java.util.HashMap<>();
        Map<String, String> subjects = new java.util.HashMap<>();
        for (RecordedExamples.Part part : List.of(rec.train(), rec.test())) {
            for (int i = 0; i < part.size(); i++) {
                recordedPrint.put(part.ids().get(i), part.fingerprints().get(i));
                subjects.put(part.ids().get(i), part.subjects().get(i));
            }
        }
        List<String> changed = new java.util.ArrayList<>();
        List<String> added = new java.util.ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            String was = recordedPrint.get(current.id(i));
            if (was == null) {
                added.add(current.id(i));
            } else if (!was.equals(current.exampleFingerprint(i))) {
                changed.add(current.id(i));
            }
        }
        if (!changed.isEmpty() || !added.isEmpty()) {
            throw new IOException("the data of " + source + " changed since the model was trained, and not only by "
                    + "removing examples: " + (changed.isEmpty() ? "" : changed.size() + " example(s) changed "
                    + sample(changed) + (added.isEmpty() ? "" : ", ")) + (added.isEmpty() ? "" : added.size()
                    + " example(s) added " + sample(added)) + "; only examples removed from the source (erased "
                    + "before the model deletion) can be deleted from the model");
        }
        Map<String, String> erased = new LinkedHashMap<>();
        Map<String, String> presentSubjects = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : subjects.entrySet()) {
            if (current.indexOf(e.getKey()) < 0) {
                erased.put(e.getKey(), e.getValue());
            } else if (e.getValue() != null) {
                presentSubjects.put(e.getKey(), e.getValue());
            }
        }
        Examples all = current.withSubjects(presentSubjects);
        Examples fullTrain = all.select(presentIndices(all, rec.train()));
        Examples test = all.select(presentIndices(all, rec.test()));
        PreparedData p = new PreparedData(source, all, fullTrain, test, d, fullTrain, rec, erased);
        List<String> excluded = p.excludedIds();
        return excluded.isEmpty() ? p : p.without(excluded);
    }

    private static int[] presentIndices(Examples all, RecordedExamples.Part part) {
        int[] out = new int[part.size()];
        int n = 0;
        for (String id : part.ids()) {
            int i = all.indexOf(id);
            if (i >= 0) {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static String sample(List<String> ids) {
        return "(" + String.join(", ", ids.subList(0, Math.min(3, ids.size()))) + (ids.size() > 3 ? ", ..." : "") + ")";
    }

    // The source no longer matches the recorded fingerprint (caught to check it example by example).
    private static final class SourceChangedException extends IOException {
        private static final long serialVersionUID = 1L;

        SourceChangedException(String message) {
            super(message);
        }
    }

    private static PreparedData fromDescriptionUnchecked(DataDescription d) throws IOException {
        String file = d.subjectsFile();
        PreparedData p = prepare(d.source(), d.testFraction(), d.splitSeed(), d.subjectsPer(),
                file == null ? null : Path.of(file));
        String expected = d.trainFingerprint();
        if (expected != null && !expected.equals(p.description.trainFingerprint())) {
            throw new SourceChangedException("the training data of " + d.source() + " changed since the run was made "
                    + "(fingerprint " + p.description.trainFingerprint() + ", recorded " + expected + ")");
        }
        if (!d.excluded().isEmpty()) {
            return p.without(d.excluded());
        }
        return p;
    }

    public boolean isText() {
        return all instanceof TextCorpus;
    }

    /** The training part as a labelled data set (fails for a corpus). */
    public Dataset trainDataset() {
        return (Dataset) train;
    }

    public Dataset testDataset() {
        return (Dataset) test;
    }

    /** The ids of the training part, in order. */
    public String[] trainIds() {
        return train.ids().toArray(new String[0]);
    }

    /** The subjects of the training part (null entries allowed), or null when there are none. */
    public String[] trainSubjects() {
        if (!train.hasSubjects()) {
            return null;
        }
        String[] out = new String[train.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = train.subject(i);
        }
        return out;
    }
}
