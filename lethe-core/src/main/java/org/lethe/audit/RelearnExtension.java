package org.lethe.audit;

import org.lethe.audit.json.AuditSection;
import org.lethe.nn.Layer;

/**
 * The relearning test ({@link RelearnTest}) as part of an audit: the audited model against the audit's first
 * reference retrained without the forget set, on the audit's own example sets. Unless a target is given, it is
 * {@link RelearnTest#DEFAULT_TARGET_FRACTION} of the original's forget accuracy (the original: the version the
 * audited model was deleted from, else the model itself), as {@code lethe audit relearn} sets it.
 */
public final class RelearnExtension extends ErasureTestExtension {
    private final RelearnTest.Options options;
    private final Double target;

    /**
     * A relearning test with {@code options} (the extension owns them and sets their target) and {@code target},
     * or null for the default.
     */
    public RelearnExtension(RelearnTest.Options options, Double target) {
        super(RELEARN, "relearning time");
        this.options = options;
        this.target = target;
        if (target != null) {
            options.target = target;
        }
        options.validate();
    }

    @Override
    public AuditSection measure(AuditContext context) throws Exception {
        ErasureTestData data = context.erasureTestData();
        if (target == null) {
            Layer original = context.original();
            options.target = RelearnTest.DEFAULT_TARGET_FRACTION * RelearnTest.forgetAccuracy(original, data, options);
        }
        return RelearnComparison.run(context.network(), context.firstReference(), data, options).toSection();
    }
}
