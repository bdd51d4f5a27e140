package org.lethe.audit;

import java.nio.file.Path;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;

/**
 * Evaluates one comparison model of an audit on the audit's sets. The sets, the audited model's outputs and the
 * forget set are shared by the process that runs the audit.
 *
 * @param model             the model directory
 * @param reference         true for a reference model (compared with the audited model's outputs)
 * @param checkForgetUnseen true for a reference the user gave: checked first not to have trained on the forget set
 */
record ModelOutputsJob(String model, boolean reference, boolean checkForgetUnseen) implements Job<ModelOutputs> {
    static final String SETS = "audit.sets";
    static final String AUDITED = "audit.audited-outputs";
    static final String FORGET = "audit.forget";

    @Override
    public ModelOutputs run(JobEnvironment environment) throws Exception {
        StoredClassifier m = StoredClassifier.open(Path.of(model));
        if (checkForgetUnseen) {
            requireNotTrainedOn(m, environment.shared(FORGET, ForgetSet.class, () -> unshared(FORGET)));
        }
        AuditSets sets = environment.shared(SETS, AuditSets.class, () -> unshared(SETS));
        ModelOutputs audited = reference
                ? environment.shared(AUDITED, ModelOutputs.class, () -> unshared(AUDITED)) : null;
        return ModelOutputs.of(m, sets, audited, false);
    }

    private static <T> T unshared(String key) {
        throw new IllegalStateException("the audit process shares no '" + key + "'");
    }

    private static void requireNotTrainedOn(StoredClassifier reference, ForgetSet forget) {
        int seen = forget.trainedOnBy(reference);
        if (seen > 0) {
            throw new IllegalArgumentException("reference " + reference.dir + " trained on " + seen + " of the "
                    + forget.size() + " forgotten examples; a reference must be trained without them");
        }
    }
}
