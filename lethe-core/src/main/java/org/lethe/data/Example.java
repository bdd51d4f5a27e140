package org.lethe.data;

import java.util.Arrays;

/** One example of a {@link Dataset}, detached from it: id, subject (or {@code null}), label and a copy of its features. */
public final class Example {
    private final String id;
    private final String subject;
    private final int label;
    private final float[] features;

    Example(String id, String subject, int label, float[] features) {
        this.id = id;
        this.subject = subject;
        this.label = label;
        this.features = features;
    }

    public String id() {
        return id;
    }

    /** The owner of the example, or {@code null}. */
    public String subject() {
        return subject;
    }

    public int label() {
        return label;
    }

    /** The features (a copy). */
    public float[] features() {
        return features.clone();
    }

    @Override
    public String toString() {
        return id + (subject == null ? "" : " (" + subject + ")") + " label " + label + " " + features.length + " features";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Example)) {
            return false;
        }
        Example e = (Example) o;
        return label == e.label && id.equals(e.id) && java.util.Objects.equals(subject, e.subject)
                && Arrays.equals(features, e.features);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + label;
    }
}
