package org.lethe.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    public final Map<String, Object> description;

    private PreparedData(String source, Examples all, Examples train, Examples test, Map<String, Object> description) {
        this.source = source;
        this.all = all;
        this.train = train;
        this.test = test;
        this.description = description;
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

    private static PreparedData load(String source, double testFraction, long splitSeed, int subjectsPer,
                                     Path subjectsFile) throws IOException {
        Examples all = DatasetSource.load(source);
        if (subjectsFile != null) {
            all = all.withSubjects(Subjects.read(subjectsFile, all));
        } else if (subjectsPer > 0) {
            all = all.withSubjects(Subjects.random(all, subjectsPer, splitSeed));
        }
        Split split = Split.of(all, 1.0 - testFraction, 0.0, testFraction, splitSeed);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", source);
        d.put("test_fraction", testFraction);
        d.put("split_seed", splitSeed);
        d.put("subjects_per", subjectsPer);
        d.put("subjects_file", subjectsFile == null ? null : subjectsFile.toAbsolutePath().toString());
        Examples train = all.select(split.train());
        Examples test = all.select(split.test());
        d.put("train_size", train.size());
        d.put("test_size", test.size());
        d.put("train_fingerprint", train.fingerprint());
        return new PreparedData(source, all, train, test, d);
    }

    /**
     * This data without the given training examples (a deletion). The exclusions are recorded in the
     * description, so {@link #fromDescription} rebuilds the reduced data.
     */
    public PreparedData without(java.util.Collection<String> ids) {
        java.util.Set<String> excluded = new java.util.TreeSet<>(excludedIds());
        excluded.addAll(ids);
        Map<String, Object> d = new LinkedHashMap<>(description);
        d.put("excluded_ids", new java.util.ArrayList<>(excluded));
        return new PreparedData(source, all, dropIds(train, new java.util.HashSet<>(ids)), test, d);
    }

    /** Ids removed from the training part by deletions, sorted. */
    public java.util.List<String> excludedIds() {
        Object v = description.get("excluded_ids");
        java.util.List<String> out = new java.util.ArrayList<>();
        if (v instanceof java.util.List) {
            for (Object o : (java.util.List<?>) v) {
                out.add(o.toString());
            }
        }
        return out;
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
    public static PreparedData fromDescription(Map<String, ?> d) throws IOException {
        Object file = d.get("subjects_file");
        PreparedData p = prepare(d.get("source").toString(), ((Number) d.get("test_fraction")).doubleValue(),
                ((Number) d.get("split_seed")).longValue(), ((Number) d.get("subjects_per")).intValue(),
                file == null ? null : Path.of(file.toString()));
        Object expected = d.get("train_fingerprint");
        if (expected != null && !expected.equals(p.description.get("train_fingerprint"))) {
            throw new IOException("the training data of " + d.get("source") + " changed since the run was made "
                    + "(fingerprint " + p.description.get("train_fingerprint") + ", recorded " + expected + ")");
        }
        Object excluded = d.get("excluded_ids");
        if (excluded instanceof java.util.List && !((java.util.List<?>) excluded).isEmpty()) {
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (Object o : (java.util.List<?>) excluded) {
                ids.add(o.toString());
            }
            return p.without(ids);
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
