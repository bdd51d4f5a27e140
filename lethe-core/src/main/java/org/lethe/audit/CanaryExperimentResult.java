package org.lethe.audit;

import java.util.ArrayList;
import java.util.List;
import org.lethe.audit.json.CanarySection;
import org.lethe.store.DeletionRecord;

/** What the {@link CanaryExperiment} measured: exposure of each canary and control before and after deletion. */
public final class CanaryExperimentResult {
    /** One secret's exposure under the trained model and under the model after deletion. */
    public static final class Secret {
        public final String secret;
        /** Copies trained on (0 for a control). */
        public final int copies;
        public final ExposureResult before;
        public final ExposureResult after;

        public Secret(String secret, int copies, ExposureResult before, ExposureResult after) {
            this.secret = secret;
            this.copies = copies;
            this.before = before;
            this.after = after;
        }

        /** Its JSON form. */
        public CanarySection.Secret toSection() {
            return new CanarySection.Secret(secret, copies, before.exposure(), after.exposure(), before.rank, after.rank);
        }
    }

    public final CanaryFormat format;
    public final List<Secret> canaries;
    public final List<Secret> controls;
    public final int trainingDocuments;
    public final double testLossBefore;
    public final double testLossAfter;
    public final double trainSeconds;
    public final DeletionRecord deletion;

    public CanaryExperimentResult(CanaryFormat format, List<Secret> canaries, List<Secret> controls,
                                  int trainingDocuments, double testLossBefore, double testLossAfter,
                                  double trainSeconds, DeletionRecord deletion) {
        this.format = format;
        this.canaries = List.copyOf(canaries);
        this.controls = List.copyOf(controls);
        this.trainingDocuments = trainingDocuments;
        this.testLossBefore = testLossBefore;
        this.testLossAfter = testLossAfter;
        this.trainSeconds = trainSeconds;
        this.deletion = deletion;
    }

    /** Mean exposure of the canaries before deletion. */
    public double meanCanaryExposureBefore() {
        return mean(canaries, true);
    }

    /** Mean exposure of the canaries after deletion. */
    public double meanCanaryExposureAfter() {
        return mean(canaries, false);
    }

    /** Mean exposure of the controls under the trained model (NaN without controls). */
    public double meanControlExposureBefore() {
        return mean(controls, true);
    }

    /** Mean exposure of the controls after deletion (NaN without controls). */
    public double meanControlExposureAfter() {
        return mean(controls, false);
    }

    /** Whether every candidate was scored (rather than a sample). */
    public boolean exact() {
        return canaries.get(0).before.exact;
    }

    private static double mean(List<Secret> rows, boolean before) {
        if (rows.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (Secret s : rows) {
            sum += (before ? s.before : s.after).exposure();
        }
        return sum / rows.size();
    }

    /** Its JSON form (the audit's {@code canary_exposure} section). */
    public CanarySection toSection() {
        CanarySection.Deletion d = new CanarySection.Deletion(deletion.method(), deletion.exact(),
                deletion.removedIds().size(), deletion.wallSeconds(), deletion.hashBefore(), deletion.hashAfter());
        return new CanarySection(new CanarySection.Format(format.prefix(), format.alphabet(), format.length()),
                format.candidateCount(), exact(), canaries.get(0).before.maxExposure(), trainingDocuments,
                rows(canaries), rows(controls), meanCanaryExposureBefore(), meanCanaryExposureAfter(),
                controls.isEmpty() ? null : meanControlExposureBefore(),
                controls.isEmpty() ? null : meanControlExposureAfter(), testLossBefore, testLossAfter, trainSeconds, d);
    }

    private static List<CanarySection.Secret> rows(List<Secret> secrets) {
        List<CanarySection.Secret> out = new ArrayList<>();
        for (Secret s : secrets) {
            out.add(s.toSection());
        }
        return out;
    }
}
