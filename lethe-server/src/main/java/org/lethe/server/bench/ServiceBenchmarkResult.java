package org.lethe.server.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Figures of {@code lethe bench service}.
 *
 * @param database            {@code sqlite} or {@code postgresql}
 * @param clients             concurrent loopback clients
 * @param submitted           submissions sent
 * @param accepted            answered 201
 * @param stored              requests found in the database afterwards (must equal accepted)
 * @param distinctIds         distinct request ids returned (must equal accepted)
 * @param seconds             wall time of the submission phase
 * @param acceptedPerSecond   accepted / seconds
 * @param p50Millis           median submission latency
 * @param p99Millis           99th percentile submission latency
 * @param applied             requests approved and then applied by the worker
 * @param applySeconds        wall time from approval to the last certificate
 * @param batches             worker batches
 * @param shardRetrains       SISA shards retrained over all batches
 * @param requestsPerRetrain  applied / shardRetrains
 * @param ledgerEntries       ledger size at the end
 * @param ledgerVerified      true when the whole ledger verified at the end
 */
public record ServiceBenchmarkResult(
        String database,
        int clients,
        int submitted,
        int accepted,
        long stored,
        long distinctIds,
        double seconds,
        @JsonProperty("accepted_per_second") double acceptedPerSecond,
        @JsonProperty("p50_ms") double p50Millis,
        @JsonProperty("p99_ms") double p99Millis,
        int applied,
        @JsonProperty("apply_seconds") double applySeconds,
        int batches,
        @JsonProperty("shard_retrains") int shardRetrains,
        @JsonProperty("requests_per_retrain") double requestsPerRetrain,
        @JsonProperty("ledger_entries") long ledgerEntries,
        @JsonProperty("ledger_verified") boolean ledgerVerified) {
}
