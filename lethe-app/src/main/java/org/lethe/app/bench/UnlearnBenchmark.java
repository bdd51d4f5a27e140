package org.lethe.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.lethe.audit.LeaderboardResult;
import org.lethe.audit.UnlearningLeaderboard;
import org.lethe.data.ImageDatasets;
import org.lethe.data.Selection;
import org.lethe.io.AtomicFiles;
import org.lethe.store.ModelKind;
import org.lethe.tensor.Rng;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;

/**
 * The unlearning leaderboard ({@code lethe bench unlearn}): every approximate deletion method, at its defaults,
 * scored against retraining by {@link UnlearningLeaderboard} in one of two settings.
 *
 * <ul>
 *   <li>{@link Setting#MEMORISING} (the {@code bench audit} regime): an MLP 784-256-10 trained long at a constant
 *       rate on 1,000 bundled digits, so that it memorises single examples; a random 2% of them (20) to forget;
 *       N = 32.</li>
 *   <li>{@link Setting#SUBJECTS} (challenge-like): the small CNN on Fashion-MNIST's 10,000 test images (the
 *       bundled 10,000 digits when it is not installed), half of them for training in generated subjects of 20;
 *       the forget set is every example of 15 subjects; N = 16.</li>
 * </ul>
 */
public final class UnlearnBenchmark {
    /** The two settings. */
    public enum Setting {
        MEMORISING, SUBJECTS;

        /** The setting's name on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** N when none is given. */
        public int defaultModels() {
            return this == MEMORISING ? 32 : 16;
        }
    }

    /** Settings, with the benchmark's defaults. */
    public static final class Settings {
        public Setting setting = Setting.MEMORISING;
        /** N; 0 means the setting's default. */
        public int models = 0;
        /** Method names; empty means every approximate method for single models. */
        public List<String> methods = new ArrayList<>();
        /** Settings per method name, as given on the command line ({@code NAME -> VALUE}); missing ones default. */
        public Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        public long seed = 0;
        public Path cache;
        public Path work;
        public int threads = org.lethe.tensor.Parallel.threads();
    }

    /** What one setting trains, in words and as values. */
    private record Problem(String data, PreparedData prepared, ModelSpec spec, TrainConfig config,
                           List<String> forgetIds, String model, String training, String forget) {
    }

    private UnlearnBenchmark() {
    }

    /** The methods the leaderboard scores by default: every approximate method for single models. */
    public static List<DeletionMethod> defaultMethods() {
        List<DeletionMethod> out = new ArrayList<>();
        for (DeletionMethod m : DeletionMethods.all()) {
            if (!m.exact() && m.appliesTo() == ModelKind.RUN) {
                out.add(m);
            }
        }
        return out;
    }

    /** Runs the leaderboard; {@code log} receives progress lines. */
    public static UnlearnBenchmarkResult run(Settings s, Consumer<String> log) throws Exception {
        List<DeletionMethod> methods = new ArrayList<>();
        if (s.methods.isEmpty()) {
            methods.addAll(defaultMethods());
        } else {
            for (String name : s.methods) {
                DeletionMethod m = DeletionMethods.forModel(name, ModelKind.RUN);
                if (m.exact()) {
                    throw new IllegalArgumentException("method " + name + " is exact; the leaderboard scores "
                            + "approximate methods (its retrain row is exact deletion)");
                }
                methods.add(m);
            }
        }
        Problem p = s.setting == Setting.MEMORISING ? memorising(s.seed) : subjects(s.seed);
        UnlearningLeaderboard.Settings l = new UnlearningLeaderboard.Settings();
        l.data = p.prepared();
        l.spec = p.spec();
        l.config = p.config();
        l.forgetIds = p.forgetIds();
        l.models = s.models > 0 ? s.models : s.setting.defaultModels();
        for (String named : s.parameters.keySet()) {
            if (methods.stream().noneMatch(m -> m.name().equals(named))) {
                throw new IllegalArgumentException("--param names method " + named + ", which is not scored in this "
                        + "run");
            }
        }
        for (DeletionMethod m : methods) {
            Map<String, String> given = s.parameters.getOrDefault(m.name(), Map.of());
            m.settings(given); // rejects unknown names and bad values before any model is trained
            l.methods.add(new UnlearningLeaderboard.Entry(m, new LinkedHashMap<>(given)));
        }
        l.cache = s.cache;
        l.work = s.work;
        l.threads = s.threads;
        l.log = log;
        log.accept("setting " + s.setting.label() + ": " + p.data() + ", " + p.model() + ", " + p.training()
                + "; forget " + p.forget());
        UnlearningLeaderboard.Outcome outcome = UnlearningLeaderboard.run(l);
        return new UnlearnBenchmarkResult(s.setting.label(), p.data(), p.model(), p.training(), p.forget(),
                s.seed, outcome.result(), outcome);
    }

    private static Problem memorising(long seed) throws IOException {
        // Exactly bench audit's original and forget set, so its references are this leaderboard's.
        AuditBenchmark.Settings a = new AuditBenchmark.Settings();
        PreparedData data = PreparedData.prepare("digits", a.testFraction, seed, 20, null);
        ModelSpec spec = ModelSpec.mlp(data.trainDataset().featureCount(), a.hidden, data.trainDataset().classCount());
        List<String> forget = Selection.randomFraction(data.train, a.forgetFraction, Rng.derive(seed, 0xF0E7L))
                .forgetIds();
        TrainConfig c = new TrainConfig();
        c.epochs = a.epochs;
        c.batchSize = a.batchSize;
        c.learningRate = a.learningRate;
        c.momentum = 0.9;
        c.schedule = "constant";
        c.seed = seed;
        return new Problem("digits", data, spec, c, forget, "mlp 784-" + a.hidden + "-10",
                String.format(Locale.ROOT, "%d epochs, batch %d, SGD lr %s momentum 0.9, constant rate", a.epochs,
                        a.batchSize, a.learningRate),
                String.format(Locale.ROOT, "%d random training examples (%s%%)", forget.size(),
                        a.forgetFraction * 100));
    }

    /** Subjects of 20 examples; 15 of them forgotten. */
    static final int SUBJECT_SIZE = 20;
    static final int FORGOTTEN_SUBJECTS = 15;
    /** The held-out share of the subjects setting's data. */
    static final double HELD_OUT_FRACTION = 0.5;

    private static Problem subjects(long seed) throws IOException {
        // Fashion-MNIST's test part (10,000 images), half of it for training: the held-out half is what every model
        // of every row is scored on (its evaluation half) and what methods may read (its validation half), so it
        // is kept to 5,000 images; the training part's 60,000 would make scoring cost more than the methods.
        String source = ImageDatasets.fashionMnistInstalled() ? "fashion-mnist-test" : "digits";
        PreparedData data = PreparedData.prepare(source, HELD_OUT_FRACTION, seed, SUBJECT_SIZE, null);
        List<String> subjects = new ArrayList<>(data.train.distinctSubjects());
        int[] order = new Rng(Rng.derive(seed, 0x5B1EL)).permutation(subjects.size());
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < FORGOTTEN_SUBJECTS && i < order.length; i++) {
            chosen.add(subjects.get(order[i]));
        }
        List<String> forget = Selection.ofSubjects(data.train, chosen).forgetIds();
        TrainConfig c = new TrainConfig();
        c.epochs = 8;
        c.batchSize = 64;
        c.learningRate = 0.05;
        c.momentum = 0.9;
        c.schedule = "constant";
        c.seed = seed;
        return new Problem(source, data, ModelSpec.cnn(), c, forget, "cnn",
                String.format(Locale.ROOT, "%d epochs, batch %d, SGD lr %s momentum 0.9, constant rate", c.epochs,
                        c.batchSize, c.learningRate),
                String.format(Locale.ROOT, "every example of %d generated subjects of %d (%d of %d training "
                        + "examples)", chosen.size(), SUBJECT_SIZE, forget.size(), data.train.size()));
    }

    /**
     * Writes, per row, {@code METHOD-unlearned.csv} and {@code METHOD-retrained.csv} into {@code dir}: one line
     * per model, one column per forget example, no header, full precision: the input of {@code lethe audit score}.
     */
    public static List<Path> exportConfidences(UnlearningLeaderboard.Outcome outcome, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        String retrained = csv(outcome.retrainedConfidence());
        for (Map.Entry<String, double[][]> e : outcome.unlearnedConfidence().entrySet()) {
            Path u = dir.resolve(e.getKey() + "-unlearned.csv");
            Path r = dir.resolve(e.getKey() + "-retrained.csv");
            AtomicFiles.write(u, csv(e.getValue()).getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(r, retrained.getBytes(StandardCharsets.UTF_8));
            written.add(u);
            written.add(r);
        }
        return written;
    }

    private static String csv(double[][] rows) {
        StringBuilder sb = new StringBuilder();
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(row[i]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The leaderboard's rows sorted by final score, best first; failed rows last. */
    public static List<LeaderboardResult.Row> ranked(LeaderboardResult r) {
        List<LeaderboardResult.Row> rows = new ArrayList<>(r.rows());
        rows.sort((a, b) -> Double.compare(b.finalScore() == null ? -1 : b.finalScore(),
                a.finalScore() == null ? -1 : a.finalScore()));
        return rows;
    }
}
