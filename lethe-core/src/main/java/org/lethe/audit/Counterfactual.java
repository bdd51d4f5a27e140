package org.lethe.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lethe.train.PreparedData;

/**
 * Where the audited model stands relative to the forget set, and the two data sets the comparison models train
 * on: the "original" data (with the forget set) and the "retrained" data (without it). A model that trained on
 * every forgotten example is an original ({@code method = "original"}: nothing was unlearned). A model written by a
 * deletion that removed them is the result of that deletion ({@code method} from its record), and its original
 * data is its own data with the forgotten examples restored.
 */
final class Counterfactual {
    final String method;
    final PreparedData original;
    final PreparedData retrained;
    final int fineTuneSteps;

    private Counterfactual(String method, PreparedData original, PreparedData retrained, int fineTuneSteps) {
        this.method = method;
        this.original = original;
        this.retrained = retrained;
        this.fineTuneSteps = fineTuneSteps;
    }

    static Counterfactual of(StoredClassifier model, ForgetSet forget) throws IOException {
        Set<String> trainedOn = new HashSet<>(model.data.train.ids());
        int seen = 0;
        for (String id : forget.ids()) {
            if (trainedOn.contains(id)) {
                seen++;
            }
        }
        if (seen == forget.size()) {
            return new Counterfactual("original", model.data, model.data.without(forget.ids()), 0);
        }
        if (seen > 0) {
            throw new IllegalArgumentException("the forget set mixes " + seen + " examples " + model.dir
                    + " trained on with " + (forget.size() - seen) + " deleted from it; audit them separately");
        }
        Map<String, Object> record = model.deletionRecord();
        Set<String> removed = new HashSet<>();
        if (record != null && record.get("removed_ids") instanceof List) {
            for (Object o : (List<?>) record.get("removed_ids")) {
                removed.add(o.toString());
            }
        }
        if (record == null || !removed.containsAll(forget.ids())) {
            throw new IllegalArgumentException(model.dir + " never trained on the forget set, but its own deletion did "
                    + "not remove it (it was deleted from an earlier version); audit the version that deleted it");
        }
        String method = String.valueOf(record.get("method"));
        int fineTune = 0;
        Object recomputed = record.get("recomputed");
        if (recomputed instanceof Map && ((Map<?, ?>) recomputed).get("fine_tune_steps") instanceof Number) {
            fineTune = ((Number) ((Map<?, ?>) recomputed).get("fine_tune_steps")).intValue();
        }
        return new Counterfactual(method, restored(model.data, forget.ids()), model.data, fineTune);
    }

    /** {@code data} with the given examples no longer excluded. */
    private static PreparedData restored(PreparedData data, List<String> ids) throws IOException {
        List<String> excluded = new ArrayList<>(data.excludedIds());
        excluded.removeAll(new HashSet<>(ids));
        Map<String, Object> d = new LinkedHashMap<>(data.description);
        d.remove("excluded_ids");
        if (!excluded.isEmpty()) {
            d.put("excluded_ids", excluded);
        }
        return PreparedData.fromDescription(d);
    }

    /** What the unlearned comparison models are, for this method, in words. */
    String unlearnedDescription(int n, StoredClassifier.Kind kind) {
        String models = kind == StoredClassifier.Kind.SISA ? "SISA ensembles" : "models";
        switch (method) {
            case "original":
                return n + " " + models + " trained with the forget set (the audited model's settings, other seeds): "
                        + "no unlearning at all, the baseline that should score near 0";
            case "retrain":
            case "replay":
                return n + " " + models + " retrained from scratch without the forget set, with seeds other than the "
                        + "references' (a second independent set; " + method + " gives exactly this model for its seed)";
            case "sisa":
                return n + " SISA ensembles trained with the forget set (other seeds), each then with the forget set "
                        + "deleted by SISA";
            case "amnesiac":
                return n + " models trained with the forget set recording their updates (other seeds), each then with "
                        + "the forget set deleted by amnesiac unlearning (" + fineTuneSteps + " fine-tune steps)";
            default:
                return n + " models made by " + method;
        }
    }
}
