package org.lethe.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelKind;
import org.lethe.train.PreparedData;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;
import org.lethe.unlearn.MethodSettings;

/**
 * Where the audited model stands relative to the forget set, and the two data sets the comparison models train
 * on: the "original" data (with the forget set) and the "retrained" data (without it). A model that trained on
 * every forgotten example is an original ({@code method = "original"}: nothing was unlearned). A model written by a
 * deletion that removed them is the result of that deletion ({@code method} from its record), and its original
 * data is its own data with the forgotten examples restored.
 */
final class Counterfactual {
    /** The method name for a model that trained on the forget set: nothing was unlearned. */
    static final String ORIGINAL = "original";

    /** {@link #ORIGINAL} or the name of the deletion method that made the model. */
    final String method;
    /** The deletion method, or null for an original. */
    final DeletionMethod deletion;
    /** The deletion's settings, or null for an original. */
    final MethodSettings settings;
    final PreparedData original;
    final PreparedData retrained;

    private Counterfactual(DeletionMethod deletion, MethodSettings settings, PreparedData original,
                           PreparedData retrained) {
        this.method = deletion == null ? ORIGINAL : deletion.name();
        this.deletion = deletion;
        this.settings = settings;
        this.original = original;
        this.retrained = retrained;
    }

    static Counterfactual of(StoredClassifier model, ForgetSet forget) throws IOException {
        int seen = forget.trainedOnBy(model);
        if (seen == forget.size()) {
            return new Counterfactual(null, null, model.data, model.data.without(forget.ids()));
        }
        if (seen > 0) {
            throw new IllegalArgumentException("the forget set mixes " + seen + " examples " + model.dir
                    + " trained on with " + (forget.size() - seen) + " deleted from it; audit them separately");
        }
        DeletionRecord record = model.deletionRecord();
        if (record == null || !new HashSet<>(record.removedIds()).containsAll(forget.ids())) {
            throw new IllegalArgumentException(model.dir + " never trained on the forget set, but its own deletion did "
                    + "not remove it (it was deleted from an earlier version); audit the version that deleted it");
        }
        DeletionMethod method = DeletionMethods.find(record.method()).orElseThrow(() -> new IllegalArgumentException(
                "cannot audit models made by deletion method '" + record.method() + "' (known: original, "
                        + String.join(", ", DeletionMethods.names()) + ")"));
        return new Counterfactual(method, method.settingsOf(record), restored(model.data, forget.ids()),
                model.data);
    }

    /** {@code data} with the given examples no longer excluded. */
    private static PreparedData restored(PreparedData data, List<String> ids) throws IOException {
        List<String> excluded = new ArrayList<>(data.excludedIds());
        excluded.removeAll(new HashSet<>(ids));
        return PreparedData.fromDescription(data.description.withExcludedIds(excluded.isEmpty() ? null : excluded));
    }

    /** What the unlearned comparison models are, for this method, in words. */
    String unlearnedDescription(int n, ModelKind kind) {
        if (deletion == null) {
            return n + " " + kind.plural() + " trained with the forget set (the audited model's settings, other "
                    + "seeds): no unlearning at all, the baseline that should score near 0";
        }
        return deletion.describeComparisonModels(n, kind, settings);
    }
}
