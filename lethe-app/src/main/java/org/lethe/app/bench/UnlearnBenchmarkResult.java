package org.lethe.app.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.audit.LeaderboardResult;
import org.lethe.audit.UnlearningLeaderboard;

/**
 * What {@code lethe bench unlearn} measured, as written by {@code --json}: the setting, in words, and the
 * leaderboard (figures not rounded).
 *
 * @param setting     {@code memorising} or {@code subjects}
 * @param data        the data set
 * @param model       the architecture, described
 * @param training    the training settings, described
 * @param forget      the forget set, described
 * @param seed        the benchmark's seed
 * @param leaderboard the scores
 * @param outcome     the confidences behind them (not serialised; {@code --export-confidences} writes them)
 */
@JsonPropertyOrder({"setting", "data", "model", "training", "forget", "seed", "leaderboard"})
public record UnlearnBenchmarkResult(
        @JsonProperty("setting") String setting,
        @JsonProperty("data") String data,
        @JsonProperty("model") String model,
        @JsonProperty("training") String training,
        @JsonProperty("forget") String forget,
        @JsonProperty("seed") long seed,
        @JsonProperty("leaderboard") LeaderboardResult leaderboard,
        @JsonIgnore UnlearningLeaderboard.Outcome outcome) {
}
