package org.lethe.curvature;

import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The noisy-label experiment at one weight decay.
 *
 * @param weightDecay      the optimiser's weight decay
 * @param trainSeconds     training wall time
 * @param collectSeconds   factor collection wall time per Fisher (all layers, over the training set)
 * @param decomposeSeconds eigendecompositions and coefficient arrays, per Fisher (all layers)
 * @param unedited         the trained model's scores
 * @param rows             every edit of the sweep
 */
public record NoisyLabelRun(@JsonProperty("weight_decay") double weightDecay,
                            @JsonProperty("train_seconds") double trainSeconds,
                            @JsonProperty("collect_seconds") Map<String, Double> collectSeconds,
                            @JsonProperty("decompose_seconds") Map<String, Double> decomposeSeconds,
                            NoisyLabelScores unedited,
                            List<NoisyLabelRow> rows) {
    public NoisyLabelRun {
        collectSeconds = Map.copyOf(collectSeconds);
        decomposeSeconds = Map.copyOf(decomposeSeconds);
        rows = List.copyOf(rows);
    }

    /**
     * Collection, decompositions and the slowest K-FAC edit of every layer with {@code fisher}'s factors, as a share
     * of the training time (the budget: under 10%).
     */
    public double curvatureShareOfTraining(String fisher) {
        double edit = 0;
        for (NoisyLabelRow r : rows) {
            if (r.method().equals("kfac") && r.fisher().equals(fisher) && r.layers().equals("all")) {
                edit = Math.max(edit, r.editSeconds());
            }
        }
        return (collectSeconds.get(fisher) + decomposeSeconds.get(fisher) + edit) / trainSeconds;
    }
}
