package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The audit's power: how distinguishable models trained <em>with</em> the forget set (originals, nothing
 * unlearned) are from the same retrained references, on the same forget examples. When even they score like models
 * indistinguishable from retraining, the forget set was never memorised and the audit cannot tell a model that
 * remembers from one that forgot.
 *
 * @param originalModels originals scored
 * @param originals what the originals are, in words
 * @param forgetQuality their forget quality F against the references, or null when not measured
 * @param expectedIfIndistinguishable the F of models indistinguishable from retraining at this number of models
 * @param relativeToExpected F over that, or null when undefined
 * @param distinguishable whether the originals are distinguishable from retraining (so the audit can tell), or
 *     null when not measured
 * @param epsilons each scored forget example's epsilon for the originals
 */
public record PowerSection(
        @JsonProperty("original_models") int originalModels,
        @JsonProperty("originals") String originals,
        @JsonProperty("forget_quality") Double forgetQuality,
        @JsonProperty("expected_if_indistinguishable") Double expectedIfIndistinguishable,
        @JsonProperty("relative_to_expected") Double relativeToExpected,
        @JsonProperty("distinguishable") Boolean distinguishable,
        @JsonProperty("epsilons") List<Double> epsilons) {
    /** Copies the list. */
    public PowerSection {
        epsilons = List.copyOf(epsilons);
    }
}
