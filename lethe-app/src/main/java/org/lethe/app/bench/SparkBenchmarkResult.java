package org.lethe.app.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What {@link SparkBenchmark} measured, serialised with Jackson to the keys of {@code lethe bench spark --json}.
 * Times are in seconds; ratios compare cases of the same run.
 *
 * @param data              the data set
 * @param trainExamples     training examples
 * @param model             the MLP's widths
 * @param shards            SISA shards
 * @param slices            SISA slices per shard
 * @param epochsPerSlice    SISA epochs per slice stage
 * @param references        reference models each audit retrains
 * @param referenceEpochs   epochs of each reference
 * @param forgetExamples    examples in the audit's forget set
 * @param cases             the local runner, then the clusters of one and of two workers
 * @param sisaOverhead      steady-state SISA time on two one-core workers over the local runner's, minus 1 (target:
 *                          at most 0.25)
 * @param sisaScaling       steady-state SISA time on one worker over that on two (target: at least 1.6)
 * @param coldSisaOverhead  the same as {@code sisaOverhead} for the first batch of each runner
 * @param coldSisaScaling   the same as {@code sisaScaling} for the first batch of each runner
 * @param auditOverhead     the same for the audit's references (after the warm-up)
 * @param auditScaling      the same for the audit's references (after the warm-up)
 * @param identical         whether every case's SISA weights and reference weights equal the local runner's
 */
@JsonPropertyOrder({"data", "train_examples", "model", "shards", "slices", "epochs_per_slice", "references",
        "reference_epochs", "forget_examples", "cases", "sisa_overhead", "sisa_scaling", "cold_sisa_overhead", "cold_sisa_scaling", "audit_overhead",
        "audit_scaling", "identical"})
public record SparkBenchmarkResult(
        @JsonProperty("data") String data,
        @JsonProperty("train_examples") int trainExamples,
        @JsonProperty("model") String model,
        @JsonProperty("shards") int shards,
        @JsonProperty("slices") int slices,
        @JsonProperty("epochs_per_slice") int epochsPerSlice,
        @JsonProperty("references") int references,
        @JsonProperty("reference_epochs") int referenceEpochs,
        @JsonProperty("forget_examples") int forgetExamples,
        @JsonProperty("cases") List<Case> cases,
        @JsonProperty("sisa_overhead") double sisaOverhead,
        @JsonProperty("sisa_scaling") double sisaScaling,
        @JsonProperty("cold_sisa_overhead") double coldSisaOverhead,
        @JsonProperty("cold_sisa_scaling") double coldSisaScaling,
        @JsonProperty("audit_overhead") double auditOverhead,
        @JsonProperty("audit_scaling") double auditScaling,
        @JsonProperty("identical") boolean identical) {

    public SparkBenchmarkResult {
        cases = List.copyOf(cases);
    }

    /**
     * One way of running the jobs.
     *
     * @param name           {@code local}, {@code cluster-1} or {@code cluster-2}
     * @param where          the runner, described (a cluster's master URL)
     * @param workers        the cluster's one-core workers (0 for the local runner)
     * @param startSeconds   starting the cluster and its runner, until every executor has registered (not in the
     *                       times below)
     * @param coldSisaSeconds training the SISA ensemble as the runner's first batch
     * @param warmUpSeconds  the untimed warm-up (a small ensemble and a small audit), for information
     * @param sisaRuns       training the SISA ensemble again after the warm-up, each time
     * @param sisaSeconds    the median of {@code sisaRuns}: the steady-state figure
     * @param sisaHash       the ensemble's weights' hash (the same in every training of the case, or says it differs)
     * @param auditSeconds   the audit after the warm-up, whose time is mostly training its references
     * @param modelsBuilt    comparison models the audit built
     * @param referencesHash the references' weights' hash
     */
    @JsonPropertyOrder({"name", "where", "workers", "start_seconds", "cold_sisa_seconds", "warm_up_seconds",
            "sisa_runs", "sisa_seconds", "sisa_hash", "audit_seconds",
            "models_built", "references_hash"})
    public record Case(
            @JsonProperty("name") String name,
            @JsonProperty("where") String where,
            @JsonProperty("workers") int workers,
            @JsonProperty("start_seconds") double startSeconds,
            @JsonProperty("cold_sisa_seconds") double coldSisaSeconds,
            @JsonProperty("warm_up_seconds") double warmUpSeconds,
            @JsonProperty("sisa_runs") List<Double> sisaRuns,
            @JsonProperty("sisa_seconds") double sisaSeconds,
            @JsonProperty("sisa_hash") String sisaHash,
            @JsonProperty("audit_seconds") double auditSeconds,
            @JsonProperty("models_built") int modelsBuilt,
            @JsonProperty("references_hash") String referencesHash) {
        public Case {
            sisaRuns = List.copyOf(sisaRuns);
        }
    }

    /** The result with its ratios computed from {@code cases} (local, one worker, two workers, in that order). */
    static SparkBenchmarkResult of(String data, int trainExamples, String model, int shards, int slices,
                                   int epochsPerSlice, int references, int referenceEpochs, int forgetExamples,
                                   List<Case> cases) {
        Case local = cases.get(0);
        Case one = cases.get(1);
        Case two = cases.get(2);
        boolean identical = cases.stream().allMatch(c -> c.sisaHash().equals(local.sisaHash())
                && c.referencesHash().equals(local.referencesHash()));
        return new SparkBenchmarkResult(data, trainExamples, model, shards, slices, epochsPerSlice, references,
                referenceEpochs, forgetExamples, cases,
                SparkBenchmark.round(two.sisaSeconds() / local.sisaSeconds() - 1),
                SparkBenchmark.round(one.sisaSeconds() / two.sisaSeconds()),
                SparkBenchmark.round(two.coldSisaSeconds() / local.coldSisaSeconds() - 1),
                SparkBenchmark.round(one.coldSisaSeconds() / two.coldSisaSeconds()),
                SparkBenchmark.round(two.auditSeconds() / local.auditSeconds() - 1),
                SparkBenchmark.round(one.auditSeconds() / two.auditSeconds()), identical);
    }
}
