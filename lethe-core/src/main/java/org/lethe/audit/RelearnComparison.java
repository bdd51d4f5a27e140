package org.lethe.audit;

import org.lethe.audit.json.RelearnSection;

/**
 * The relearning test of a model next to the same test of a reference retrained without the forgotten data. A
 * step ratio well below 1 means the model relearns the forgotten data faster than a model that never saw it:
 * the knowledge was suppressed, not erased.
 */
public final class RelearnComparison {
    public final RelearnResult model;
    /** The reference's result, or null when no reference was given. */
    public final RelearnResult reference;

    public RelearnComparison(RelearnResult model, RelearnResult reference) {
        this.model = model;
        this.reference = reference;
    }

    /** Runs {@link RelearnTest} on both models with the same options ({@code reference} may be null). */
    public static RelearnComparison run(org.lethe.nn.Layer model, org.lethe.nn.Layer reference, ErasureTestData data,
                                        RelearnTest.Options options) {
        return new RelearnComparison(RelearnTest.run(model, data, options),
                reference == null ? null : RelearnTest.run(reference, data, options));
    }

    /**
     * The model's steps over the reference's (steps capped where the target was not reached, and a reference
     * at 0 steps counted as 1); NaN without a reference.
     */
    public double stepRatio() {
        if (reference == null) {
            return Double.NaN;
        }
        return model.steps / (double) Math.max(1, reference.steps);
    }

    /** Its JSON form (the audit's {@code relearn} section). */
    public RelearnSection toSection() {
        return new RelearnSection(model.toSection(), reference == null ? null : reference.toSection(),
                reference == null ? null : stepRatio());
    }
}
