package org.lethe.app.cli.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.lethe.audit.json.RelearnSection;

/**
 * What {@code lethe audit relearn --json} prints: how fast the model and the reference relearnt, the forget set, the
 * relearning settings and target, a verdict, and the report the test was added to.
 *
 * @param model                 the model's relearning
 * @param reference             the reference's
 * @param header                where the reference came from and the forget set
 * @param relearnForgetExamples forgotten examples relearnt from
 * @param relearnRetainExamples retained examples mixed in
 * @param batchSize             the batch size
 * @param optimizer             the optimiser and rate, in words
 * @param maxSteps              the step cap
 * @param target                the forget accuracy aimed at and where it came from
 * @param stepRatio             the model's steps over the reference's, or null without a reference
 * @param verdict               one sentence
 * @param report                the audit report page the test was added to, or null
 */
@JsonPropertyOrder({"model", "reference", "header", "relearn_forget_examples", "relearn_retain_examples",
        "batch_size", "optimizer", "max_steps", "target", "step_ratio", "verdict", "report"})
record AuditRelearnResult(
        RelearnSection.Run model,
        RelearnSection.Run reference,
        @JsonUnwrapped ErasureTestHeader header,
        @JsonProperty("relearn_forget_examples") int relearnForgetExamples,
        @JsonProperty("relearn_retain_examples") int relearnRetainExamples,
        @JsonProperty("batch_size") int batchSize,
        String optimizer,
        @JsonProperty("max_steps") int maxSteps,
        Target target,
        @JsonProperty("step_ratio") Double stepRatio,
        String verdict,
        String report) {

    /** The output of the relearning test {@code section}, run with {@code settings}. */
    static AuditRelearnResult of(ErasureTestHeader header, Settings settings, Target target, RelearnSection section,
            String verdict, String report) {
        return new AuditRelearnResult(section.model(), section.reference(), header, settings.forgetExamples(),
                settings.retainExamples(), settings.batchSize(), settings.optimizer(), settings.maxSteps(), target,
                section.stepRatio(), verdict, report);
    }

    /**
     * How the relearning ran.
     *
     * @param forgetExamples forgotten examples relearnt from
     * @param retainExamples retained examples mixed in
     * @param batchSize      the batch size
     * @param optimizer      the optimiser and rate, in words
     * @param maxSteps       the step cap
     */
    record Settings(int forgetExamples, int retainExamples, int batchSize, String optimizer, int maxSteps) {
    }

    /**
     * The forget accuracy relearning aims at. A target given on the command line has no original model; one derived
     * from the original's forget accuracy names it, and leaves the two entries out otherwise.
     *
     * @param source                 {@code given}, or how the target was derived
     * @param original               the original model's weights file, or null for a given target
     * @param originalForgetAccuracy the original's forget accuracy, or null for a given target
     * @param accuracy               the target
     */
    @JsonPropertyOrder({"source", "original", "original_forget_accuracy", "accuracy"})
    record Target(
            String source,
            @JsonInclude(JsonInclude.Include.NON_NULL) String original,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("original_forget_accuracy")
            Double originalForgetAccuracy,
            double accuracy) {
    }
}
