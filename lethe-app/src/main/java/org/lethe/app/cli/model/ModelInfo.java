package org.lethe.app.cli.model;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.lethe.train.MetricsLine;
import org.lethe.train.ModelCard;
import org.lethe.train.ModelSpec;

/**
 * What {@code lethe info --json} prints for a single model. A finished model (or a model file) has its weights,
 * file check and origin from the card; an unfinished run has none of them; a model in a run directory has the run's
 * split, provenance, checkpoints and metrics. A group a model lacks is left out, while a value missing inside a group
 * (a model trained from scratch has no parent) is printed as null: the groups are unwrapped into the one object.
 *
 * @param model        the weights file, or null for an unfinished run
 * @param run          the run directory, or null for a model file outside one
 * @param status       {@code complete}, or how far an unfinished run got
 * @param architecture the model's architecture
 * @param weights      the parameter count and tensors (finished models)
 * @param algebra      the element algebra
 * @param file         the weights file's size and hash check (finished models)
 * @param dataset      the training data
 * @param seed         the training seed
 * @param origin       parent, code version and creation time from the card (finished models)
 * @param training     the training configuration as the card or the run's description holds it
 * @param runSummary   the run's split, provenance, checkpoints and metrics (models in a run directory)
 * @param versions     the model's version line
 */
@JsonPropertyOrder({"model", "run", "status", "architecture", "weights", "algebra", "file", "dataset", "seed",
        "origin", "training", "runSummary", "versions"})
record ModelInfo(
        String model,
        String run,
        String status,
        ModelSpec architecture,
        @JsonUnwrapped Weights weights,
        String algebra,
        @JsonUnwrapped FileCheck file,
        DatasetRef dataset,
        long seed,
        @JsonUnwrapped Origin origin,
        // Printed as the card holds it: a model file's card from another tool (lethe import) has the algebra only.
        ModelCard.Training training,
        @JsonUnwrapped RunSummary runSummary,
        List<VersionEntry> versions) {

    /**
     * The parameters of a finished model.
     *
     * @param parameters the parameter count
     * @param tensors    every tensor of the weights file
     */
    @JsonPropertyOrder({"parameters", "tensors"})
    record Weights(long parameters, List<TensorRow> tensors) {
    }

    /**
     * One tensor of a weights file.
     *
     * @param name  its name
     * @param shape its shape
     * @param dtype its element type
     */
    @JsonPropertyOrder({"name", "shape", "dtype"})
    record TensorRow(String name, int[] shape, String dtype) {
    }

    /**
     * The weights file and its check.
     *
     * @param fileBytes          its size
     * @param parametersSha256   the parameter hash it records, or null
     * @param parametersVerified whether the parameters match it
     */
    @JsonPropertyOrder({"file_bytes", "parameters_sha256", "parameters_verified"})
    record FileCheck(@JsonProperty("file_bytes") long fileBytes,
                     @JsonProperty("parameters_sha256") String parametersSha256,
                     @JsonProperty("parameters_verified") boolean parametersVerified) {
    }

    /**
     * The training data.
     *
     * @param name        the data set's name or path
     * @param fingerprint the training part's fingerprint
     */
    @JsonPropertyOrder({"name", "fingerprint"})
    record DatasetRef(String name, String fingerprint) {
    }

    /**
     * Where a finished model came from.
     *
     * @param parentModel the model it was derived from, or null when trained from scratch
     * @param codeVersion the code that made it
     * @param created     when (ISO-8601)
     */
    @JsonPropertyOrder({"parent_model", "code_version", "created"})
    record Origin(@JsonProperty("parent_model") String parentModel,
                  @JsonProperty("code_version") String codeVersion,
                  String created) {
    }

    /**
     * What the run directory adds.
     *
     * @param split       the train/held-out split
     * @param provenance  the provenance log's figures, or null when the run has none
     * @param checkpoints the steps after which checkpoints were saved
     * @param metrics     the last metrics line, or null
     */
    @JsonPropertyOrder({"split", "provenance", "checkpoints", "metrics"})
    record RunSummary(Split split, Provenance provenance, List<Integer> checkpoints, MetricsLine metrics) {
    }

    /**
     * The run's split.
     *
     * @param trainSize     training examples
     * @param testSize      held-out examples
     * @param testFraction  the held-out share
     * @param splitSeed     the split's seed
     * @param subjectsPer   generated subjects' example count
     * @param subjectsFile  the subjects CSV, or null
     */
    @JsonPropertyOrder({"train_size", "test_size", "test_fraction", "split_seed", "subjects_per", "subjects_file"})
    record Split(@JsonProperty("train_size") int trainSize, @JsonProperty("test_size") int testSize,
                 @JsonProperty("test_fraction") double testFraction, @JsonProperty("split_seed") long splitSeed,
                 @JsonProperty("subjects_per") int subjectsPer, @JsonProperty("subjects_file") String subjectsFile) {
    }

    /**
     * The provenance log's figures.
     *
     * @param examples      training examples
     * @param subjects      their distinct subjects
     * @param steps         optimiser steps
     * @param epochs        passes
     * @param stepsPerEpoch steps per pass
     * @param batchSize     examples per step
     * @param seed          the order's seed
     */
    @JsonPropertyOrder({"examples", "subjects", "steps", "epochs", "steps_per_epoch", "batch_size", "seed"})
    record Provenance(int examples, int subjects, int steps, int epochs,
                      @JsonProperty("steps_per_epoch") int stepsPerEpoch,
                      @JsonProperty("batch_size") int batchSize, long seed) {
    }
}
