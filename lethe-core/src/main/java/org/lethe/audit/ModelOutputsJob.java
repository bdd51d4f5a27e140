package org.lethe.audit;

import java.io.IOException;
import java.nio.file.Path;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;

/**
 * Evaluates one comparison model of an audit on the audit's sets. The process that runs the audit shares its sets,
 * the audited model's outputs and the forget set ({@link Opened}); a process that received only the job opens them
 * from {@code audit} (the audited model's directory on storage it reads, evaluated the same way).
 *
 * @param model             the model directory
 * @param reference         true for a reference model (compared with the audited model's outputs)
 * @param checkForgetUnseen true for a reference the user gave: checked first not to have trained on the forget set
 * @param audit             what the audit's sets are made from
 */
record ModelOutputsJob(String model, boolean reference, boolean checkForgetUnseen, Inputs audit)
        implements Job<ModelOutputs> {
    /** The key under which the audit shares its {@link Opened} inputs. */
    static final String OPENED = "audit.opened";

    /**
     * What an audit's sets and the audited model's outputs are made from.
     *
     * @param model             the audited model's directory, absolute
     * @param forget            the forget set's description
     * @param maxScoredExamples see {@link AuditRunner.Settings#maxScoredExamples}
     */
    record Inputs(String model, ForgetSet.Spec forget, int maxScoredExamples) implements java.io.Serializable {
        /** Opens the audited model and makes the sets and its outputs, as the audit does. */
        Opened open() throws IOException {
            StoredClassifier m = StoredClassifier.open(Path.of(model));
            ForgetSet f = ForgetSet.resolve(forget, m);
            AuditSets sets = Opened.setsOf(m, f, Counterfactual.of(m, f), maxScoredExamples);
            return new Opened(sets, ModelOutputs.of(m, sets, null, true), f);
        }
    }

    /** An audit's sets, the audited model's outputs (with their logits) and the forget set. */
    record Opened(AuditSets sets, ModelOutputs audited, ForgetSet forget) {
        /** The audit's sets of {@code model}: the one rule for the audit and for a process that rebuilds them. */
        static AuditSets setsOf(StoredClassifier model, ForgetSet forget, Counterfactual cf, int maxScored) {
            return AuditSets.of(model.allExamples(), cf.retrained, forget, maxScored, model.config.seed);
        }
    }

    @Override
    public ModelOutputs run(JobEnvironment environment) throws Exception {
        Opened opened = environment.shared(OPENED, Opened.class, audit::open);
        StoredClassifier m = StoredClassifier.open(Path.of(model));
        if (checkForgetUnseen) {
            requireNotTrainedOn(m, opened.forget());
        }
        return ModelOutputs.of(m, opened.sets(), reference ? opened.audited() : null, false);
    }

    private static void requireNotTrainedOn(StoredClassifier reference, ForgetSet forget) {
        int seen = forget.trainedOnBy(reference);
        if (seen > 0) {
            throw new IllegalArgumentException("reference " + reference.dir + " trained on " + seen + " of the "
                    + forget.size() + " forgotten examples; a reference must be trained without them");
        }
    }
}
