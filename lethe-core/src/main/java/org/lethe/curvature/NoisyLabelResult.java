package org.lethe.curvature;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The noisy-label experiment (the paper's Table 2 at CPU scale).
 *
 * @param data        the data set used
 * @param trainSize   training examples
 * @param testSize    test examples
 * @param noiseRate   share of training examples given a wrong label
 * @param widths      the MLP's widths
 * @param epochs      training epochs
 * @param seed        the seed of everything
 * @param runs        one per weight decay
 */
public record NoisyLabelResult(String data,
                               @JsonProperty("train_size") int trainSize,
                               @JsonProperty("test_size") int testSize,
                               @JsonProperty("noise_rate") double noiseRate,
                               List<Integer> widths,
                               int epochs,
                               long seed,
                               List<NoisyLabelRun> runs) {
    public NoisyLabelResult {
        widths = List.copyOf(widths);
        runs = List.copyOf(runs);
    }
}
