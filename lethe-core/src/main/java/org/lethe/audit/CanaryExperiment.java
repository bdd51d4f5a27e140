package org.lethe.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.lethe.data.Split;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Gpt;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelKind;
import org.lethe.tensor.Rng;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.MethodContext;
import org.lethe.unlearn.Requirement;

/**
 * The canary experiment, end to end: insert secret canaries into a text corpus, train a character GPT on it with
 * provenance, measure each canary's {@link CanaryExposure}, delete the canary documents exactly
 * ({@link ReplayUnlearner}: retrain or replay), and measure again. After an exact deletion the model is the one
 * training without the canaries would have produced, so exposure falls to the level of secrets never inserted
 * (the controls, which are measured too).
 *
 * <p>The corpus is {@link Options#documents} documents drawn (seeded) from a base corpus plus
 * {@link Options#repeats} copies of each of {@link Options#canaries} canary documents, written one per line to
 * {@code corpus.txt} in the work directory, so the vocabulary is the base corpus's characters plus the canary
 * format's. Canary copies are placed only at positions the run's seeded split puts in the training part, so every
 * copy is trained on. Every candidate secret must be spelt in the model's vocabulary: when the base corpus lacks
 * some secret symbols (digits, for the names corpus), one held-out document listing them is added at a test
 * position, so the vocabulary has them but training never sees them (they enter the test loss, equally before
 * and after deletion). Runs go to {@code trained} and {@code deleted} under the work directory.
 */
public final class CanaryExperiment {
    /** Experiment settings; the defaults train a small GPT on 1,000 names in well under a minute. */
    public static final class Options {
        public CanaryFormat format = new CanaryFormat(CanaryFormat.DEFAULT_PREFIX, CanaryFormat.DIGITS, 4);
        /** Different canaries inserted. */
        public int canaries = 1;
        /** Copies of each canary in the corpus. */
        public int repeats = 20;
        /** Secrets of the same format never inserted, measured for comparison. */
        public int controls = 4;
        /** Documents drawn from the base corpus. */
        public int documents = 1000;
        public double testFraction = 0.1;
        public int context = 16;
        public int layers = 1;
        public int width = 32;
        public int heads = 4;
        /** How to train; its seed also draws the documents, the secrets and the split. */
        public TrainConfig training = defaultTraining();
        /** A registered deletion method for single models, at its default settings (retrain: from scratch). */
        public String deletion = "retrain";
        public CanaryExposure.Options exposure = new CanaryExposure.Options();

        private static TrainConfig defaultTraining() {
            TrainConfig c = new TrainConfig();
            c.optimizer = "adam";
            c.learningRate = 0.01;
            c.epochs = 4;
            c.batchSize = 32;
            return c;
        }

        /** Checks ranges; the message names the field. */
        public Options validate() {
            if (canaries < 1 || repeats < 1 || controls < 0 || documents < 1) {
                throw new IllegalArgumentException("canary experiment needs canaries >= 1, repeats >= 1, controls >= 0 "
                        + "and documents >= 1, got " + canaries + ", " + repeats + ", " + controls + ", " + documents);
            }
            if (canaries + controls > format.candidateCount()) {
                throw new IllegalArgumentException(canaries + " canaries and " + controls + " controls need distinct "
                        + "secrets, but the format has only " + format.candidateCount());
            }
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("canary test fraction must be in (0, 1) (the held-out part gives"
                        + " the test loss), got " + testFraction);
            }
            DeletionMethods.forModel(deletion, ModelKind.RUN);
            if (1 + format.prefix().length() + format.length() + 1 > context) {
                throw new IllegalArgumentException("canary documents of " + (format.prefix().length() + format.length())
                        + " characters with start and end marks do not fit a context of " + context);
            }
            training.validate();
            return this;
        }
    }

    private CanaryExperiment() {
    }

    /**
     * Runs the experiment in {@code workDir} (created; must not hold earlier runs) on documents of {@code base}.
     *
     * @param progress receives one line per stage (may be null)
     * @param listener observes both trainings (may be null)
     */
    public static CanaryExperimentResult run(TextCorpus base, Path workDir, Options options, Consumer<String> progress,
                                             Trainer.Listener listener) throws Exception {
        options.validate();
        Consumer<String> say = progress == null ? s -> { } : progress;
        Trainer.Listener trainListener = listener == null ? new Trainer.Listener() { } : listener;
        long seed = options.training.seed;
        Rng rng = new Rng(Rng.derive(seed, 0xca7a));
        List<String> secrets = distinctSecrets(options.format, options.canaries + options.controls, rng);
        List<String> canarySecrets = secrets.subList(0, options.canaries);
        List<String> controlSecrets = secrets.subList(options.canaries, secrets.size());

        int copies = options.canaries * options.repeats;
        int total = options.documents + copies;
        if (options.documents > base.size()) {
            throw new IllegalArgumentException(base.name() + " has " + base.size() + " documents; cannot draw "
                    + options.documents);
        }
        Split split = Split.of(total, 1.0 - options.testFraction, 0.0, options.testFraction, seed);
        int[] trainPositions = split.train();
        if (trainPositions.length < copies) {
            throw new IllegalArgumentException(copies + " canary copies do not fit the " + trainPositions.length
                    + " training positions of a corpus of " + total + " documents");
        }
        new Rng(rng.nextLong()).shuffle(trainPositions);
        String[] lines = new String[total];
        for (int c = 0; c < copies; c++) {
            lines[trainPositions[c]] = options.format.document(canarySecrets.get(c % options.canaries));
        }
        String missing = missingSymbols(base, options.format);
        if (!missing.isEmpty()) {
            int[] held = split.test();
            if (held.length == 0) {
                throw new IllegalArgumentException("the secret symbols '" + missing + "' are not in " + base.name()
                        + "'s vocabulary; a held-out document must introduce them, but the split leaves no test position"
                        + " (raise the test fraction or the documents)");
            }
            lines[held[0]] = missing;
        }
        int[] drawn = new Rng(rng.nextLong()).permutation(base.size());
        int next = 0;
        for (int i = 0; i < total; i++) {
            if (lines[i] == null) {
                lines[i] = base.document(drawn[next++]);
            }
        }
        Files.createDirectories(workDir);
        Path corpusFile = workDir.resolve("corpus.txt");
        Files.write(corpusFile, Arrays.asList(lines), StandardCharsets.UTF_8);

        PreparedData data = PreparedData.prepare(corpusFile.toAbsolutePath().toString(), options.testFraction, seed, 0, null);
        TextCorpus corpus = (TextCorpus) data.all;
        List<List<String>> canaryIds = new ArrayList<>();
        for (String secret : canarySecrets) {
            List<String> ids = new ArrayList<>();
            String doc = options.format.document(secret);
            for (int i = 0; i < data.train.size(); i++) {
                if (((TextCorpus) data.train).document(i).equals(doc)) {
                    ids.add(data.train.id(i));
                }
            }
            canaryIds.add(ids);
        }

        say.accept("training a GPT on " + data.train.size() + " documents with " + copies + " canary copies");
        ModelSpec spec = ModelSpec.gpt(corpus.tokenCount(), options.context, options.layers, options.width, options.heads);
        TrainConfig config = options.training.copy();
        DeletionMethod method = DeletionMethods.forModel(options.deletion, ModelKind.RUN);
        // The trained model gets whatever the deletion method needs from training.
        if (method.needs().contains(Requirement.CHECKPOINTS) && config.checkpointEvery == 0) {
            config.checkpointEvery = Math.max(1, data.train.size() / config.batchSize / 4);
        }
        config.recordUpdates |= method.needs().contains(Requirement.RECORDED_UPDATES);
        long t0 = System.nanoTime();
        TrainingRun trained = TrainingRun.create(workDir.resolve("trained"), spec, config, data);
        Map<String, Double> trainedMetrics = trained.train(trainListener);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;

        say.accept("measuring exposure over " + options.format.candidateCount() + " candidates");
        List<ExposureResult> before = CanaryExposure.measure((Gpt) trained.model, corpus, options.format, secrets,
                options.exposure);

        say.accept("deleting the canary documents (" + options.deletion + ")");
        List<String> allIds = new ArrayList<>();
        canaryIds.forEach(allIds::addAll);
        DeletionRecord record = method.unlearner(method.defaults(), new MethodContext(null, trainListener))
                .forget(workDir.resolve("trained"), DeletionRequest.ofIds(allIds), workDir.resolve("deleted"));
        TrainingRun deleted = TrainingRun.open(workDir.resolve("deleted"));
        deleted.loadFinalModel();
        Map<String, Double> deletedMetrics = deleted.evaluate();

        say.accept("measuring exposure again");
        List<ExposureResult> after = CanaryExposure.measure((Gpt) deleted.model, corpus, options.format, secrets,
                options.exposure);

        List<CanaryExperimentResult.Secret> canaryRows = new ArrayList<>();
        for (int c = 0; c < options.canaries; c++) {
            canaryRows.add(new CanaryExperimentResult.Secret(canarySecrets.get(c), canaryIds.get(c).size(),
                    before.get(c), after.get(c)));
        }
        List<CanaryExperimentResult.Secret> controlRows = new ArrayList<>();
        for (int c = 0; c < controlSecrets.size(); c++) {
            int k = options.canaries + c;
            controlRows.add(new CanaryExperimentResult.Secret(controlSecrets.get(c), 0, before.get(k), after.get(k)));
        }
        return new CanaryExperimentResult(options.format, canaryRows, controlRows, data.train.size(),
                trainedMetrics.get("loss"), deletedMetrics.get("loss"), trainSeconds, record);
    }

    /** Symbols of the format that the base corpus never uses, in alphabet order. */
    private static String missingSymbols(TextCorpus base, CanaryFormat format) {
        String vocabulary = base.vocabulary() + format.prefix();
        StringBuilder out = new StringBuilder();
        for (char c : format.alphabet().toCharArray()) {
            if (vocabulary.indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> distinctSecrets(CanaryFormat format, int count, Rng rng) {
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < count) {
            out.add(format.randomSecret(rng));
        }
        return new ArrayList<>(out);
    }
}
