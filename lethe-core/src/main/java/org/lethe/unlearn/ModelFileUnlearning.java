package org.lethe.unlearn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lethe.data.Dataset;
import org.lethe.io.JsonFiles;
import org.lethe.io.SafeTensors;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.nn.ParameterHash;
import org.lethe.store.DeletionRecord;
import org.lethe.train.ModelCard;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;

/**
 * Approximate deletion from a classifier that has no Lethe training run behind it: a model file with its card
 * (trained elsewhere and imported, or copied out of a run). There is no provenance, so only approximate methods with
 * an in-memory algorithm apply; the training data is given ({@code data}: its training part is what the model
 * trained on, the forget set included, and its held-out part the held-out examples), and retain = training data
 * minus the forget set. The new model is a file beside the old one with its card and the deletion record as
 * {@code <name>.deletion.json}.
 *
 * <p>A file's card may not say how the model was trained; methods whose length is a fraction of the original
 * training then measure it against the card's training settings when present, else Lethe's defaults for the
 * architecture ({@link TrainConfig#defaultsFor}).
 */
public final class ModelFileUnlearning {
    private ModelFileUnlearning() {
    }

    /** Where the record of the deletion that wrote {@code weights} is kept. */
    public static Path recordPathFor(Path weights) {
        String name = weights.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return weights.resolveSibling(stem + ".deletion.json");
    }

    /** The training settings a method reads for a model with this card. */
    public static TrainConfig configOf(ModelCard card, ModelSpec spec) {
        TrainConfig recorded = card.training().config();
        return recorded != null ? recorded : TrainConfig.defaultsFor(spec.kind());
    }

    /**
     * Unlearns {@code forgetIds} (training examples of {@code data}) from {@code model} with {@code method} and
     * writes the result to {@code out} (a new {@code .safetensors} file, its card and record beside it).
     */
    public static DeletionRecord forget(Module model, ModelSpec spec, ModelCard card, Path source, PreparedData data,
                                        List<String> forgetIds, List<String> subjects, DeletionMethod method,
                                        MethodSettings settings, Path out, String reason, String requester)
            throws IOException {
        ApproximateDeletion algorithm = method.approximateDeletion().orElseThrow(() -> new IllegalArgumentException(
                "method " + method.name() + " needs a run trained by Lethe; a model file without one can be unlearned "
                        + "by approximate methods only (" + String.join(", ", inMemoryMethods()) + ")"));
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + " already exists");
        }
        long start = System.nanoTime();
        Dataset train = data.trainDataset();
        List<String> ids = new ArrayList<>(new TreeSet<>(forgetIds));
        int[] forget = new int[ids.size()];
        for (int i = 0; i < forget.length; i++) {
            forget[i] = train.indexOf(ids.get(i));
            if (forget[i] < 0) {
                throw new IllegalArgumentException("example " + ids.get(i) + " is not among the training examples of "
                        + data.source + " (held-out examples were never trained on)");
            }
        }
        String hashBefore = ParameterHash.of(model);
        TrainConfig config = configOf(card, spec);
        ForgetProblem problem = ForgetProblem.of((Layer) model, spec, config, train, forget, data.testDataset(),
                settings.integer(DeletionMethod.SEED), settings);
        algorithm.apply(problem);
        String hashAfter = ParameterHash.of(model);
        ModelCard.now(card.seed(), source.toAbsolutePath().toString(), card.dataset(), spec, card.training())
                .write(ModelCard.cardPathFor(out));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "lethe.model.v1");
        meta.put("parameters_sha256", hashAfter);
        DeletionRecord record = new DeletionRecord(method.name(), false, settings.values(), ids,
                subjects == null ? List.of() : subjects, List.of(), problem.figures(),
                (System.nanoTime() - start) / 1e9, source.toString(), out.toString(), hashBefore, hashAfter,
                reason == null ? "" : reason, requester == null ? "" : requester, Instant.now());
        JsonFiles.write(recordPathFor(out), record);
        // The weights last: their file is what makes the new version exist.
        SafeTensors.write(out, model, meta);
        return record;
    }

    private static List<String> inMemoryMethods() {
        List<String> out = new ArrayList<>();
        for (DeletionMethod m : DeletionMethods.all()) {
            if (m.approximateDeletion().isPresent()) {
                out.add(m.name());
            }
        }
        return out;
    }
}
