package org.lethe.data;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;

/**
 * An immutable labelled data set with per-example identity: dense float features {@code [size, featureCount]}
 * (row-major), non-negative int labels, unique string ids, optional subjects, a name, and for images the image
 * shape (for example {@code [28, 28]}). Subsets keep ids and subjects, so an example can be followed through
 * splits and forget selections. A subset ({@link #select}) shares its parent's feature array rather than copying
 * it, so selecting from a large data set is cheap, and the parent's features stay in memory while a subset lives.
 *
 * <p>Build one with {@link #of}, or load one with {@link ImageDatasets}, {@link CsvDatasets} or {@link DatasetSource}.
 */
public final class Dataset implements Examples {
    private final String name;
    // Feature rows live in a shared, never-modified array; a subset keeps the array and a row map instead of
    // copying it (a deletion drops a few examples from tens of thousands: a full copy costs more than the rest of
    // its bookkeeping).
    private final float[] features;
    private final int[] rowMap;
    private final int featureCount;
    private final int[] labels;
    private final int[] imageShape;
    private final IdIndex index;
    private final int classCount;
    private volatile String fingerprint;

    // Takes ownership of the arrays: callers pass fresh ones.
    Dataset(String name, float[] features, int featureCount, int[] labels, String[] ids, String[] subjects, int[] imageShape) {
        this(name, features, null, featureCount, labels, ids, subjects, imageShape);
    }

    private Dataset(String name, float[] features, int[] rowMap, int featureCount, int[] labels, String[] ids,
                    String[] subjects, int[] imageShape) {
        this(name, features, rowMap, featureCount, labels, new IdIndex(name, ids, subjects), imageShape);
    }

    /** {@code rowMap[i]} is the row of {@code features} holding example {@code i}; null maps every row to itself. */
    private Dataset(String name, float[] features, int[] rowMap, int featureCount, int[] labels, IdIndex index,
                    int[] imageShape) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a data set needs a non-empty name");
        }
        if (featureCount < 0) {
            throw new IllegalArgumentException(name + ": negative feature count " + featureCount);
        }
        if (index.size() != labels.length) {
            throw new IllegalArgumentException(name + ": " + index.size() + " ids for " + labels.length + " labels");
        }
        if (rowMap != null && rowMap.length != labels.length) {
            throw new IllegalArgumentException(name + ": " + rowMap.length + " feature rows for " + labels.length + " labels");
        }
        if (rowMap == null && (long) labels.length * featureCount != features.length) {
            throw new IllegalArgumentException(name + ": " + features.length + " feature values for " + labels.length
                    + " examples of " + featureCount + " features");
        }
        if (imageShape != null) {
            long product = 1;
            for (int d : imageShape) {
                product *= d;
            }
            if (product != featureCount) {
                throw new IllegalArgumentException(name + ": image shape " + Arrays.toString(imageShape)
                        + " does not match " + featureCount + " features");
            }
        }
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(name + ": example " + index.id(i) + " has negative label " + labels[i]);
            }
            max = Math.max(max, labels[i]);
        }
        this.features = features;
        this.rowMap = rowMap;
        this.featureCount = featureCount;
        this.labels = labels;
        this.imageShape = imageShape;
        this.index = index;
        this.classCount = max + 1;
    }

    /**
     * A data set from copies of the given arrays.
     *
     * @param features   {@code [ids.length * featureCount]}, row-major
     * @param subjects   per-example subjects (entries may be null), or null for none
     * @param imageShape the shape of one example as an image, or null
     */
    public static Dataset of(String name, float[] features, int featureCount, int[] labels, String[] ids,
                             String[] subjects, int[] imageShape) {
        return new Dataset(name, features.clone(), featureCount, labels.clone(), ids.clone(),
                subjects == null ? null : subjects.clone(), imageShape == null ? null : imageShape.clone());
    }

    /** Ids {@code prefix-0 .. prefix-(n-1)}: the scheme every loader uses for examples without ids of their own. */
    public static String[] sequentialIds(String prefix, int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = prefix + "-" + i;
        }
        return ids;
    }

    // ---------------------------------------------------------------- identity

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public String id(int index) {
        return this.index.id(index);
    }

    @Override
    public String subject(int index) {
        return this.index.subject(index);
    }

    @Override
    public int indexOf(String id) {
        return index.indexOf(id);
    }

    @Override
    public boolean hasSubjects() {
        return index.hasSubjects();
    }

    @Override
    public List<String> ids() {
        return index.ids();
    }

    @Override
    public List<String> distinctSubjects() {
        return index.distinctSubjects();
    }

    // ---------------------------------------------------------------- content

    /** Features per example. */
    public int featureCount() {
        return featureCount;
    }

    /** One more than the largest label (0 when empty). */
    public int classCount() {
        return classCount;
    }

    public int label(int index) {
        return labels[index];
    }

    /** All labels (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** The labels of the examples at {@code indices}. */
    public int[] labels(int[] indices) {
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = labels[indices[k]];
        }
        return out;
    }

    /** Feature {@code j} of example {@code i}. */
    public float feature(int i, int j) {
        Objects.checkIndex(i, labels.length);
        Objects.checkIndex(j, featureCount);
        return features[offset(i) + j];
    }

    /** The features of example {@code i} (a copy). */
    public float[] features(int i) {
        Objects.checkIndex(i, labels.length);
        return Arrays.copyOfRange(features, offset(i), offset(i) + featureCount);
    }

    // The start of example i's features in the shared array.
    private int offset(int i) {
        return (rowMap == null ? i : rowMap[i]) * featureCount;
    }

    /** Example {@code i} with its identity. */
    public Example example(int i) {
        return new Example(id(i), subject(i), labels[i], features(i));
    }

    /** The shape of one example as an image (a copy), if this is an image data set. */
    public Optional<int[]> imageShape() {
        return imageShape == null ? Optional.empty() : Optional.of(imageShape.clone());
    }

    /** The features of the examples at {@code indices} as an {@code f32} array {@code [indices.length, featureCount]}. */
    public NDArray featureRows(int[] indices) {
        float[] out = RowGather.gather(features, featureCount, indices.length,
                k -> offset(Objects.checkIndex(indices[k], labels.length)));
        return NDArray.wrap(out, indices.length, featureCount);
    }

    /** As {@link #featureRows(int[])}, in another algebra. */
    public NDArray featureRows(int[] indices, Algebra algebra) {
        NDArray rows = featureRows(indices);
        return algebra == Real32.INSTANCE ? rows : rows.to(algebra);
    }

    /** Every example's features as an {@code f32} array {@code [size, featureCount]} (a copy). */
    public NDArray featureMatrix() {
        return NDArray.wrap(featureArray(), labels.length, featureCount);
    }

    // Every example's features in order, in a fresh array.
    private float[] featureArray() {
        if (rowMap == null) {
            return features.clone();
        }
        return RowGather.gather(features, featureCount, labels.length, this::offset);
    }

    // ---------------------------------------------------------------- derived data sets

    @Override
    public Dataset select(int[] indices) {
        int[] rows = new int[indices.length];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            Objects.checkIndex(i, labels.length);
            rows[k] = rowMap == null ? i : rowMap[i];
            l[k] = labels[i];
        }
        return new Dataset(name, features, rows, featureCount, l, index.select(name, indices), imageShape);
    }

    @Override
    public Dataset withSubjects(Map<String, String> subjectById) {
        return new Dataset(name, features, rowMap, featureCount, labels, idArray(), index.subjectsFrom(name, subjectById),
                imageShape);
    }

    /** The same examples under another name (ids are kept). */
    public Dataset withName(String newName) {
        return new Dataset(newName, features, rowMap, featureCount, labels, idArray(), subjectArray(), imageShape);
    }

    private String[] idArray() {
        return ids().toArray(new String[0]);
    }

    private String[] subjectArray() {
        if (!hasSubjects()) {
            return null;
        }
        String[] s = new String[size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = subject(i);
        }
        return s;
    }

    /** This data set as an {@link ImageSet} (a copy), for code written against that type; needs a 2-D image shape. */
    public ImageSet toImageSet() {
        if (imageShape == null || imageShape.length != 2) {
            throw new IllegalArgumentException(name + " is not a data set of 2-D images");
        }
        return new ImageSet(name, featureArray(), labels.clone(), imageShape[0], imageShape[1]);
    }

    /**
     * SHA-256 over, in order, with every integer a big-endian int32: the ASCII bytes {@code "lethe.dataset.v1\n"};
     * the example count and the feature count; then for each example in order the byte length of its id's UTF-8
     * encoding, those bytes, its label, and its features as IEEE-754 single-precision bit patterns
     * ({@code Float.floatToIntBits}, big-endian). Subjects and the name are not hashed: they describe ownership,
     * not content.
     */
    /** SHA-256 over the feature count, the label and the features (IEEE-754 bits), first 128 bits. */
    @Override
    public String exampleFingerprint(int index) {
        return new Fingerprint("lethe.example.v1").putInt(featureCount).putInt(labels[index])
                .putFloats(features, offset(index), featureCount).hex().substring(0, 32);
    }

    @Override
    public String fingerprint() {
        String fp = fingerprint;
        if (fp == null) {
            Fingerprint h = new Fingerprint("lethe.dataset.v1").putInt(size()).putInt(featureCount);
            for (int i = 0; i < size(); i++) {
                h.putString(id(i)).putInt(labels[i]).putFloats(features, offset(i), featureCount);
            }
            fp = h.hex();
            fingerprint = fp;
        }
        return fp;
    }

    @Override
    public String toString() {
        return name + ": " + size() + " examples, " + featureCount + " features, " + classCount + " classes"
                + (hasSubjects() ? ", " + distinctSubjects().size() + " subjects" : "");
    }
}
