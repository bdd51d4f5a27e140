package org.lethe.curvature;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One edit of the noisy-label sweep.
 *
 * @param method       {@code kfac}, or a control: {@code svd}, {@code random-basis}, {@code obd}
 * @param fisher       the Fisher the factors came from
 * @param layers       the layer set edited ({@code first}, {@code last}, {@code first+last}, {@code all})
 * @param keepMass     the K-FAC keep-mass the row is matched to
 * @param keptFraction share of pairs (for SVD: of singular directions) kept, over the edited layers
 * @param scores       the edited model's scores
 * @param editSeconds  wall time of the edit (eigendecompositions are shared across rows and not included)
 */
public record NoisyLabelRow(String method, String fisher, String layers,
                            @JsonProperty("keep_mass") double keepMass,
                            @JsonProperty("kept_fraction") double keptFraction,
                            NoisyLabelScores scores,
                            @JsonProperty("edit_seconds") double editSeconds) {
}
