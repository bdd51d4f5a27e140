package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The membership-inference attacks of an audit.
 *
 * @param lossThreshold the loss-threshold attack, or null without held-out examples
 * @param uLira U-LiRA, or null when fewer than 2 unlearned or 2 retrained models were made
 */
public record MembershipSection(
        @JsonProperty("loss_threshold") LossThreshold lossThreshold,
        @JsonProperty("u_lira") ULira uLira) {

    /**
     * The loss-threshold attack, forgotten examples against held-out ones.
     *
     * @param auc its area under the ROC curve on the audited model
     * @param tprAtOnePercentFpr true-positive rate at 1% false positives
     * @param tprAtTenthPercentFpr true-positive rate at 0.1% false positives
     * @param members forgotten examples attacked
     * @param nonMembers held-out examples attacked
     * @param retrainedMeanAuc mean AUC on the references, or null
     * @param unlearnedMeanAuc mean AUC on the unlearned models, or null
     */
    public record LossThreshold(
            @JsonProperty("auc") double auc,
            @JsonProperty("tpr_at_1pct_fpr") double tprAtOnePercentFpr,
            @JsonProperty("tpr_at_0_1pct_fpr") double tprAtTenthPercentFpr,
            @JsonProperty("members") int members,
            @JsonProperty("non_members") int nonMembers,
            @JsonProperty("retrained_mean_auc") Double retrainedMeanAuc,
            @JsonProperty("unlearned_mean_auc") Double unlearnedMeanAuc) {
    }

    /**
     * U-LiRA: telling unlearned from retrained models by their confidences on the forgotten examples.
     *
     * @param auc area under its ROC curve (0.5: indistinguishable)
     * @param tprAtOnePercentFpr true-positive rate at 1% false positives
     * @param tprAtTenthPercentFpr true-positive rate at 0.1% false positives
     * @param examples forgotten examples scored
     * @param unlearnedModels unlearned models compared
     * @param retrainedModels retrained models compared
     * @param modelMeanLogRatio the audited model's mean log likelihood ratio, or null
     */
    public record ULira(
            @JsonProperty("auc") double auc,
            @JsonProperty("tpr_at_1pct_fpr") double tprAtOnePercentFpr,
            @JsonProperty("tpr_at_0_1pct_fpr") double tprAtTenthPercentFpr,
            @JsonProperty("examples") int examples,
            @JsonProperty("unlearned_models") int unlearnedModels,
            @JsonProperty("retrained_models") int retrainedModels,
            @JsonProperty("model_mean_log_ratio") Double modelMeanLogRatio) {
    }
}
