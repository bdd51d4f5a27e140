package org.lethe.data;

import java.util.List;
import java.util.Map;

/**
 * A collection of examples with stable identity: each example has a unique, non-empty string id that survives
 * subsetting, and optionally a subject (the person or owner it belongs to). Implemented by feature data sets
 * ({@link Dataset}) and text corpora ({@link TextCorpus}); splits, subject maps and forget selections work on either.
 * Implementations are immutable.
 */
public interface Examples {

    /** The data set's name, used in ids, messages and model cards. */
    String name();

    /** Number of examples. */
    int size();

    /** The id of example {@code index}. */
    String id(int index);

    /** The subject of example {@code index}, or {@code null} if it has none. */
    String subject(int index);

    /** The index of the example with this id, or -1. */
    int indexOf(String id);

    /** True if at least one example has a subject. */
    boolean hasSubjects();

    /** All ids in example order (unmodifiable). */
    List<String> ids();

    /** Distinct subjects in order of first appearance (unmodifiable; empty without subjects). */
    List<String> distinctSubjects();

    /** The examples at {@code indices}, in that order, keeping their ids and subjects. Duplicates are an error. */
    Examples select(int[] indices);

    /**
     * The same examples with subjects from {@code subjectById} (example id to subject); examples not in the map have
     * no subject. Ids that are not in this collection are an error naming them.
     */
    Examples withSubjects(Map<String, String> subjectById);

    /**
     * A SHA-256 content fingerprint as 64 lowercase hex digits; the byte order hashed is documented by each
     * implementation. Equal content gives an equal fingerprint on every platform.
     */
    String fingerprint();

    /**
     * A fingerprint of one example's content alone (not its id, subject or position), as 32 lowercase hex digits:
     * recorded per example by a run, so that a later change to the source data can be told apart example by example
     * (removed, changed or added).
     */
    String exampleFingerprint(int index);
}
