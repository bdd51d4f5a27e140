package org.lethe.audit;

import java.nio.file.Path;
import java.util.List;

/**
 * What an {@link AuditExtension} gets to work with: the audited model, the example sets (rows of the model's full
 * data set), the forget set, the reference models retrained without it and the unlearned comparison models (as
 * directories that {@link StoredClassifier#open} opens), and a seed for anything random.
 */
public final class AuditContext {
    /** The audited model. */
    public final StoredClassifier model;
    /** The example sets. */
    public final AuditSets sets;
    /** The forget set. */
    public final ForgetSet forget;
    /** Models trained without the forget set. */
    public final List<Path> referenceModels;
    /** Models unlearned the way the audited one was (empty when none were made). */
    public final List<Path> unlearnedModels;
    /** A seed for the extension's own randomness. */
    public final long seed;

    AuditContext(StoredClassifier model, AuditSets sets, ForgetSet forget, List<Path> referenceModels,
                 List<Path> unlearnedModels, long seed) {
        this.model = model;
        this.sets = sets;
        this.forget = forget;
        this.referenceModels = List.copyOf(referenceModels);
        this.unlearnedModels = List.copyOf(unlearnedModels);
        this.seed = seed;
    }
}
