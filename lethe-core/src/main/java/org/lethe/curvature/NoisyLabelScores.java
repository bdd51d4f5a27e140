package org.lethe.curvature;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A classifier's scores in the noisy-label experiment (the paper's Table 2 columns), as fractions in [0, 1].
 *
 * @param memorised  share of the mislabelled training examples predicted as their wrong label
 * @param recovered  share of the mislabelled training examples predicted as their true label
 * @param cleanTrain accuracy on the correctly labelled training examples
 * @param test       accuracy on the test set
 */
public record NoisyLabelScores(double memorised, double recovered,
                               @JsonProperty("clean_train") double cleanTrain, double test) {
}
