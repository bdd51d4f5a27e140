package org.lethe.app.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What {@link DeletionBenchmark} measured, serialised with Jackson to the keys of {@code lethe bench deletion
 * --json}. Times are in seconds and, like accuracies and speedups, rounded to four decimals. The one-subject figures
 * exist only when the deletion sizes include 1; otherwise they are null and left out of the JSON.
 *
 * @param data                     the data set, {@code fashion-mnist} or {@code digits}
 * @param trainExamples            training examples
 * @param subjects                 distinct subjects among them
 * @param model                    the MLP's widths, as {@code mlp 784-H-10}
 * @param shards                   SISA shards
 * @param slices                   SISA slices per shard
 * @param epochsPerSlice           SISA epochs per slice stage
 * @param batchSize                the monolithic model's batch size
 * @param sisaBatchSize            the shard models' batch size
 * @param learningRate             the monolithic model's learning rate
 * @param sisaLearningRate         the shard models' learning rate
 * @param sisaSchedule             the shard models' schedule, described
 * @param optimizer                the optimiser of both
 * @param monolithicEpochs         the monolithic model's epochs
 * @param monolithicTrainSeconds   the monolithic model's training time (with replay checkpoints)
 * @param monolithicTestAccuracy   its test accuracy
 * @param sisaTrainSeconds         the SISA ensemble's training time
 * @param sisaTestAccuracy         its test accuracy
 * @param accuracyDrop             monolithic minus SISA test accuracy, in points
 * @param oneSubjectSisaSecondsEach each single-subject SISA deletion's time
 * @param oneSubjectSisaSeconds    their mean
 * @param oneSubjectFirstRetrainedSlices the first slice each of them retrained (1: every stage)
 * @param oneSubjectRetrainSeconds the retrain method's time (which also writes replay checkpoints)
 * @param speedupOverRetrainWithCheckpoints that time over the mean SISA time
 * @param oneSubjectBareRetrainSeconds the mean time to retrain from scratch without checkpoints
 * @param oneSubjectBareRetrainSecondsEach each of those retrains' time (before and after the deletions)
 * @param speedup                  the bare retrain's mean time over the mean SISA time: the headline
 * @param exact                    whether the first SISA deletion equals SISA training without the data, bit for bit
 * @param deletions                one row per deletion size
 */
@JsonPropertyOrder({"data", "train_examples", "subjects", "model", "shards", "slices", "epochs_per_slice",
        "batch_size", "sisa_batch_size", "learning_rate", "sisa_learning_rate", "sisa_schedule", "optimizer",
        "monolithic_epochs", "monolithic_train_seconds", "monolithic_test_accuracy", "sisa_train_seconds",
        "sisa_test_accuracy", "accuracy_drop", "one_subject_sisa_seconds_each", "one_subject_sisa_seconds",
        "one_subject_first_retrained_slices", "one_subject_retrain_seconds", "speedup_over_retrain_with_checkpoints",
        "one_subject_bare_retrain_seconds", "one_subject_bare_retrain_seconds_each", "speedup", "exact",
        "deletions"})
public record DeletionBenchmarkResult(
        @JsonProperty("data") String data,
        @JsonProperty("train_examples") int trainExamples,
        @JsonProperty("subjects") int subjects,
        @JsonProperty("model") String model,
        @JsonProperty("shards") int shards,
        @JsonProperty("slices") int slices,
        @JsonProperty("epochs_per_slice") int epochsPerSlice,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("sisa_batch_size") int sisaBatchSize,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("sisa_learning_rate") double sisaLearningRate,
        @JsonProperty("sisa_schedule") String sisaSchedule,
        @JsonProperty("optimizer") String optimizer,
        @JsonProperty("monolithic_epochs") int monolithicEpochs,
        @JsonProperty("monolithic_train_seconds") double monolithicTrainSeconds,
        @JsonProperty("monolithic_test_accuracy") double monolithicTestAccuracy,
        @JsonProperty("sisa_train_seconds") double sisaTrainSeconds,
        @JsonProperty("sisa_test_accuracy") double sisaTestAccuracy,
        @JsonProperty("accuracy_drop") double accuracyDrop,
        // Only these may be absent (no deletion of a single subject), so only they are left out when null.
        @JsonProperty("one_subject_sisa_seconds_each") @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Double> oneSubjectSisaSecondsEach,
        @JsonProperty("one_subject_sisa_seconds") @JsonInclude(JsonInclude.Include.NON_NULL)
        Double oneSubjectSisaSeconds,
        @JsonProperty("one_subject_first_retrained_slices") @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Integer> oneSubjectFirstRetrainedSlices,
        @JsonProperty("one_subject_retrain_seconds") @JsonInclude(JsonInclude.Include.NON_NULL)
        Double oneSubjectRetrainSeconds,
        @JsonProperty("speedup_over_retrain_with_checkpoints") @JsonInclude(JsonInclude.Include.NON_NULL)
        Double speedupOverRetrainWithCheckpoints,
        @JsonProperty("one_subject_bare_retrain_seconds") @JsonInclude(JsonInclude.Include.NON_NULL)
        Double oneSubjectBareRetrainSeconds,
        @JsonProperty("one_subject_bare_retrain_seconds_each") @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Double> oneSubjectBareRetrainSecondsEach,
        @JsonProperty("speedup") @JsonInclude(JsonInclude.Include.NON_NULL) Double speedup,
        @JsonProperty("exact") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean exact,
        @JsonProperty("deletions") List<Deletion> deletions) {

    /** Copies the lists so that a result never changes after it is made. */
    public DeletionBenchmarkResult {
        oneSubjectSisaSecondsEach = oneSubjectSisaSecondsEach == null ? null : List.copyOf(oneSubjectSisaSecondsEach);
        oneSubjectFirstRetrainedSlices = oneSubjectFirstRetrainedSlices == null ? null
                : List.copyOf(oneSubjectFirstRetrainedSlices);
        oneSubjectBareRetrainSecondsEach = oneSubjectBareRetrainSecondsEach == null ? null
                : List.copyOf(oneSubjectBareRetrainSecondsEach);
        deletions = List.copyOf(deletions);
    }

    /**
     * The deletion of one number of random subjects by each method.
     *
     * @param subjects                the subjects deleted
     * @param examples                the examples they held
     * @param sisaSeconds             the SISA deletion's time
     * @param sisaShardsRetrained     the shards it retrained
     * @param replaySeconds           the replay deletion's time
     * @param replayRestoredAfterStep the checkpoint step replay restored (0: from scratch)
     * @param retrainSeconds          the retrain method's time
     * @param replayEqualsRetrain     whether replay and retraining give the same parameters
     * @param sisaSpeedupOverRetrain  the retrain method's time over SISA's
     */
    @JsonPropertyOrder({"subjects", "examples", "sisa_seconds", "sisa_shards_retrained", "replay_seconds",
            "replay_restored_after_step", "retrain_seconds", "replay_equals_retrain", "sisa_speedup_over_retrain"})
    public record Deletion(
            @JsonProperty("subjects") int subjects,
            @JsonProperty("examples") int examples,
            @JsonProperty("sisa_seconds") double sisaSeconds,
            @JsonProperty("sisa_shards_retrained") int sisaShardsRetrained,
            @JsonProperty("replay_seconds") double replaySeconds,
            @JsonProperty("replay_restored_after_step") int replayRestoredAfterStep,
            @JsonProperty("retrain_seconds") double retrainSeconds,
            @JsonProperty("replay_equals_retrain") boolean replayEqualsRetrain,
            @JsonProperty("sisa_speedup_over_retrain") double sisaSpeedupOverRetrain) {
    }
}
