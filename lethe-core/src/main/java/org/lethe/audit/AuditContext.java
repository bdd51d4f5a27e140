package org.lethe.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lethe.nn.Layer;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelKind;

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

    /**
     * Why the tests that read one network's weights (probe, relearning) do not apply, or null when they do: they
     * need a single model, not a SISA ensemble.
     */
    String singleNetworkMissing() {
        return model.kind == ModelKind.RUN ? null : "it needs a single network, and this model is a SISA ensemble";
    }

    /** The retained, forgotten and held-out examples as the erasure tests read them. */
    ErasureTestData erasureTestData() {
        return new ErasureTestData(sets.all.select(sets.retain), sets.all.select(sets.forget),
                sets.all.select(sets.heldOut), model.spec.inputShape());
    }

    /** The audited network (a single model's). */
    Layer network() {
        return (Layer) model.run().model;
    }

    /** The first reference model retrained without the forget set, or null when the audit has none. */
    Layer firstReference() throws IOException {
        return referenceModels.isEmpty() ? null : (Layer) StoredClassifier.open(referenceModels.get(0)).run().model;
    }

    /**
     * The model before deletion: the version the audited model's deletion record names, when it is still there;
     * else the audited model itself (an original, or a deletion whose parent is gone).
     */
    Layer original() throws IOException {
        DeletionRecord record = model.deletionRecord();
        if (record != null && record.modelBefore() != null) {
            Path before = Path.of(record.modelBefore());
            Path dir = Files.isRegularFile(before) ? before.getParent() : before;
            if (dir != null && Files.isDirectory(dir)) {
                StoredClassifier parent = StoredClassifier.open(dir);
                if (parent.kind == ModelKind.RUN) {
                    return (Layer) parent.run().model;
                }
            }
        }
        return network();
    }
}
