package org.lethe.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

        /** A JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("secret", secret);
            m.put("copies", copies);
            m.put("exposure_before", before.exposure());
            m.put("exposure_after", after.exposure());
            m.put("rank_before", before.rank);
            m.put("rank_after", after.rank);
            return m;
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

    /** A JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("prefix", format.prefix());
        f.put("alphabet", format.alphabet());
        f.put("length", format.length());
        m.put("format", f);
        m.put("candidates", format.candidateCount());
        m.put("exact_ranks", exact());
        m.put("max_exposure_bits", canaries.get(0).before.maxExposure());
        m.put("training_documents", trainingDocuments);
        m.put("canaries", rows(canaries));
        m.put("controls", rows(controls));
        m.put("mean_canary_exposure_before", meanCanaryExposureBefore());
        m.put("mean_canary_exposure_after", meanCanaryExposureAfter());
        m.put("mean_control_exposure_before", controls.isEmpty() ? null : meanControlExposureBefore());
        m.put("mean_control_exposure_after", controls.isEmpty() ? null : meanControlExposureAfter());
        m.put("test_loss_before", testLossBefore);
        m.put("test_loss_after", testLossAfter);
        m.put("train_seconds", trainSeconds);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", deletion.method());
        d.put("exact", deletion.exact());
        d.put("removed_count", deletion.removedIds().size());
        d.put("wall_seconds", deletion.wallSeconds());
        d.put("hash_before", deletion.hashBefore());
        d.put("hash_after", deletion.hashAfter());
        m.put("deletion", d);
        return m;
    }

    private static List<Map<String, Object>> rows(List<Secret> secrets) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Secret s : secrets) {
            out.add(s.toMap());
        }
        return out;
    }
}
