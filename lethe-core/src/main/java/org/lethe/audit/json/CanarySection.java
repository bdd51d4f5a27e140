package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The canary-exposure test: exposure of secrets trained into a language model (and of controls it never saw),
 * before and after their deletion.
 *
 * @param format what the secrets look like
 * @param candidates how many secrets of that format exist
 * @param exactRanks whether every candidate was scored (rather than a sample)
 * @param maxExposureBits the largest possible exposure, log2 of the candidates
 * @param trainingDocuments documents trained on
 * @param canaries each canary's exposure
 * @param controls each control's exposure
 * @param meanCanaryExposureBefore mean canary exposure before deletion
 * @param meanCanaryExposureAfter mean canary exposure after deletion
 * @param meanControlExposureBefore mean control exposure before deletion, or null without controls
 * @param meanControlExposureAfter mean control exposure after deletion, or null without controls
 * @param testLossBefore test loss before deletion
 * @param testLossAfter test loss after deletion
 * @param trainSeconds training wall time
 * @param deletion the deletion made
 */
public record CanarySection(
        @JsonProperty("format") Format format,
        @JsonProperty("candidates") long candidates,
        @JsonProperty("exact_ranks") boolean exactRanks,
        @JsonProperty("max_exposure_bits") double maxExposureBits,
        @JsonProperty("training_documents") int trainingDocuments,
        @JsonProperty("canaries") List<Secret> canaries,
        @JsonProperty("controls") List<Secret> controls,
        @JsonProperty("mean_canary_exposure_before") double meanCanaryExposureBefore,
        @JsonProperty("mean_canary_exposure_after") double meanCanaryExposureAfter,
        @JsonProperty("mean_control_exposure_before") Double meanControlExposureBefore,
        @JsonProperty("mean_control_exposure_after") Double meanControlExposureAfter,
        @JsonProperty("test_loss_before") double testLossBefore,
        @JsonProperty("test_loss_after") double testLossAfter,
        @JsonProperty("train_seconds") double trainSeconds,
        @JsonProperty("deletion") Deletion deletion) implements AuditSection {
    /** Copies the lists. */
    public CanarySection {
        canaries = List.copyOf(canaries);
        controls = List.copyOf(controls);
    }

    /**
     * The secrets' format.
     *
     * @param prefix the text before each secret
     * @param alphabet the secret's characters
     * @param length the secret's length
     */
    public record Format(
            @JsonProperty("prefix") String prefix,
            @JsonProperty("alphabet") String alphabet,
            @JsonProperty("length") int length) {
    }

    /**
     * One secret before and after deletion.
     *
     * @param secret the secret
     * @param copies copies trained on (0 for a control)
     * @param exposureBefore exposure in bits under the trained model
     * @param exposureAfter exposure in bits after deletion
     * @param rankBefore rank among the candidates under the trained model
     * @param rankAfter rank after deletion
     */
    public record Secret(
            @JsonProperty("secret") String secret,
            @JsonProperty("copies") int copies,
            @JsonProperty("exposure_before") double exposureBefore,
            @JsonProperty("exposure_after") double exposureAfter,
            @JsonProperty("rank_before") double rankBefore,
            @JsonProperty("rank_after") double rankAfter) {
    }

    /**
     * The deletion of the canaries.
     *
     * @param method the deletion method
     * @param exact whether it was exact
     * @param removedCount documents removed
     * @param wallSeconds its wall time
     * @param hashBefore the model's hash before
     * @param hashAfter the model's hash after
     */
    public record Deletion(
            @JsonProperty("method") String method,
            @JsonProperty("exact") boolean exact,
            @JsonProperty("removed_count") int removedCount,
            @JsonProperty("wall_seconds") double wallSeconds,
            @JsonProperty("hash_before") String hashBefore,
            @JsonProperty("hash_after") String hashAfter) {
    }
}
