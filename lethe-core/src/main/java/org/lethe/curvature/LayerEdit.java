package org.lethe.curvature;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an edit did to one layer.
 *
 * @param layer        the layer's name
 * @param keepMass     the requested keep-mass {@code rho}
 * @param keptPairs    eigen-pairs {@code (i, j)} kept
 * @param totalPairs   {@code p x q}
 * @param keptFraction {@code keptPairs / totalPairs}
 * @param keptMassShare kept {@code sum lambda_i mu_j} over the total (at least {@code rho} when {@code rho < 1})
 */
public record LayerEdit(String layer,
                        @JsonProperty("keep_mass") double keepMass,
                        @JsonProperty("kept_pairs") long keptPairs,
                        @JsonProperty("total_pairs") long totalPairs,
                        @JsonProperty("kept_fraction") double keptFraction,
                        @JsonProperty("kept_mass_share") double keptMassShare) {
}
