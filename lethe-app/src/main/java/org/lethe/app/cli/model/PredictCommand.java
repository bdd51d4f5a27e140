package org.lethe.app.cli.model;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.Ids;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.LoadedModel;
import org.lethe.app.cli.ModelOption;
import org.lethe.store.ModelKind;
import org.lethe.store.StoredModel;
import org.lethe.train.SisaModel;
import org.lethe.app.cli.VersionInfo;
import org.lethe.data.Dataset;
import org.lethe.data.Examples;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Gpt;
import org.lethe.nn.Layer;
import org.lethe.tensor.Rng;
import org.lethe.train.CharacterModel;
import org.lethe.train.ClassificationTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code lethe predict}: a classifier's class probabilities for examples of its data, chosen by id or index; for a
 * character GPT, the loss of documents or texts, the likeliest next characters after a text, and seeded samples.
 */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Predict with a model on examples of its data.",
                "Classifier: class probabilities and the predicted label of examples chosen by --ids or " +
                "--index. Character GPT: --ids scores documents, --text scores a text and shows the " +
                "likeliest next characters, --generate K samples K documents (starting with --text when " +
                "given)."})
public final class PredictCommand implements Callable<Integer> {
    private static final int TOP = 3;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--ids", paramLabel = "IDS|FILE",
            description = "Examples: " + Ids.HELP + "; e.g. digits-7,digits-42.")
    private List<String> ids;

    @Option(names = "--index", arity = "1..*", paramLabel = "N",
            description = "Example positions in the model's whole data set (0-based).")
    private List<Integer> indices;

    @Option(names = "--text", paramLabel = "TEXT", description = "GPT: a text to score, and the prefix for --generate.")
    private String text;

    @Option(names = "--generate", paramLabel = "K", description = "GPT: sample K documents.")
    private Integer generate;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "GPT sampling temperature (default: ${DEFAULT-VALUE}).")
    private double temperature;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "GPT sampling seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (!(temperature > 0)) {
            throw usage("--temperature must be positive, got " + temperature);
        }
        if (generate != null && generate < 1) {
            throw usage("--generate must be at least 1, got " + generate);
        }
        if (ids == null && indices == null && text == null && generate == null) {
            throw usage("choose examples with --ids or --index (or, for a GPT, --text or --generate)");
        }
        StoredModel stored = modelOption.resolveAny();
        if (stored.kind() == ModelKind.SISA) {
            if (text != null || generate != null) {
                throw usage("--text and --generate are for character GPTs; this model is a SISA ensemble of classifiers");
            }
            return predictEnsemble(stored.openEnsemble());
        }
        LoadedModel m = LoadedModel.load(stored);
        PredictResult result;
        if (m.model instanceof Gpt) {
            result = predictText(m);
        } else {
            if (text != null || generate != null) {
                throw usage("--text and --generate are for character GPTs; this model is a classifier (use --ids or --index)");
            }
            result = PredictResult.ofClasses(m.ref.weights().toString(), predictClasses(m));
        }
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), result);
        }
        return 0;
    }

    // ---------------------------------------------------------------- classifiers

    private int predictEnsemble(SisaModel ensemble) throws IOException {
        Dataset data = ensemble.data.trainDataset();
        Dataset all = (Dataset) ensemble.data.all;
        int[] chosen = chosenExamples(all);
        double[][] p = ensemble.probabilities(all, chosen);
        PredictResult result = PredictResult.ofClasses(ensemble.dir.toString(), printClasses(all, chosen, k -> p[k],
                id -> data.indexOf(id) >= 0 ? "train" : ensemble.data.test.indexOf(id) >= 0 ? "test" : null));
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), result);
        }
        return 0;
    }

    private List<PredictResult.ClassPrediction> predictClasses(LoadedModel m) throws IOException {
        Examples all = m.allData();
        if (!(all instanceof Dataset)) {
            throw new IllegalArgumentException(all.name() + " is not a labelled data set");
        }
        Dataset data = (Dataset) all;
        int[] chosen = chosenExamples(data);
        double[] logits = new ClassificationTask(data, m.spec.inputShape(), m.algebra)
                .logits((Layer) m.model, chosen).toDoubles();
        int classes = logits.length / chosen.length;
        return printClasses(data, chosen, k -> softmax(logits, k * classes, classes), m::splitOf);
    }

    // One row per chosen example: its split, subject, label, the predicted class and the top probabilities.
    private List<PredictResult.ClassPrediction> printClasses(Dataset data, int[] chosen,
                                                             java.util.function.IntFunction<double[]> probabilities,
                                                             java.util.function.Function<String, String> splitOf) {
        List<PredictResult.ClassPrediction> rows = new ArrayList<>();
        for (int k = 0; k < chosen.length; k++) {
            double[] p = probabilities.apply(k);
            int predicted = argmax(p);
            String id = data.id(chosen[k]);
            int label = data.label(chosen[k]);
            rows.add(new PredictResult.ClassPrediction(id, chosen[k], splitOf.apply(id), data.subject(chosen[k]), label,
                    predicted, predicted == label, toList(p)));
        }
        if (!json.enabled()) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-16s %-5s %-14s %5s %9s  %s%n", "id", "split", "subject", "label", "predicted", "top " + TOP);
            for (PredictResult.ClassPrediction row : rows) {
                out.printf("%-16s %-5s %-14s %5s %9s  %s%n", row.id(), dash(row.split()), dash(row.subject()),
                        row.label(), row.predicted() + (row.correct() ? "" : " x"), top(row.probabilities()));
            }
            out.flush();
        }
        return rows;
    }

    private int[] chosenExamples(Examples data) throws IOException {
        List<Integer> out = new ArrayList<>();
        if (ids != null) {
            List<String> unknown = new ArrayList<>();
            for (String id : Ids.parse(ids)) {
                int i = data.indexOf(id);
                if (i < 0) {
                    unknown.add(id);
                } else {
                    out.add(i);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown example id" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown) + " in " + data.name() + " (ids look like " + data.id(0) + ")");
            }
        }
        if (indices != null) {
            for (int i : indices) {
                if (i < 0 || i >= data.size()) {
                    throw new IllegalArgumentException("--index " + i + " is outside " + data.name() + " (0.." + (data.size() - 1) + ")");
                }
                out.add(i);
            }
        }
        if (out.isEmpty()) {
            throw usage("choose examples with --ids or --index");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---------------------------------------------------------------- character GPTs

    private PredictResult predictText(LoadedModel m) throws IOException {
        Examples all = m.allData();
        if (!(all instanceof TextCorpus)) {
            throw new IllegalArgumentException(all.name() + " is not a text corpus, but the model is a GPT");
        }
        TextCorpus corpus = (TextCorpus) all;
        CharacterModel model = new CharacterModel((Gpt) m.model, corpus);
        PrintWriter out = json.enabled() ? null : spec.commandLine().getOut();
        List<PredictResult.DocumentScore> scored = null;
        if (ids != null || indices != null) {
            scored = new ArrayList<>();
            for (int i : chosenExamples(corpus)) {
                scored.add(new PredictResult.DocumentScore(corpus.id(i), m.splitOf(corpus.id(i)), corpus.subject(i),
                        corpus.document(i), model.loss(corpus.document(i))));
            }
            if (out != null) {
                out.printf("%-14s %-5s %-14s %-16s %s%n", "id", "split", "subject", "text", "loss (nats/char)");
                for (PredictResult.DocumentScore row : scored) {
                    out.printf("%-14s %-5s %-14s %-16s %s%n", row.id(), dash(row.split()), dash(row.subject()),
                            row.text(), Formats.decimal(row.loss()));
                }
            }
        }
        PredictResult.TextScore scoredText = null;
        if (text != null && generate == null) {
            double[] p = model.next(text, 1.0);
            List<PredictResult.NextCharacter> next = new ArrayList<>();
            for (int token : topIndices(p, 5)) {
                next.add(new PredictResult.NextCharacter(model.tokenText(token), p[token]));
            }
            scoredText = new PredictResult.TextScore(text, model.loss(text), next);
            if (out != null) {
                out.printf("text      '%s': loss %s nats per character as a whole document%n", text, Formats.decimal(model.loss(text)));
                StringBuilder sb = new StringBuilder();
                for (PredictResult.NextCharacter e : next) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(e.next()).append(' ')
                            .append(String.format(Locale.ROOT, "%.3f", e.probability()));
                }
                out.printf("next      %s%n", sb);
            }
        }
        List<PredictResult.Sample> samples = null;
        if (generate != null) {
            Set<String> training = new HashSet<>();
            Examples train = m.runData() != null ? m.runData().train : corpus;
            for (int i = 0; i < train.size(); i++) {
                training.add(((TextCorpus) train).document(i));
            }
            Rng rng = new Rng(seed);
            String prefix = text == null ? "" : text;
            samples = new ArrayList<>();
            for (int k = 0; k < generate; k++) {
                String s = model.sample(prefix, temperature, rng, model.maxChars());
                samples.add(new PredictResult.Sample(s, training.contains(s)));
            }
            if (out != null) {
                for (PredictResult.Sample row : samples) {
                    out.println(row.text() + (row.inTrainingData() ? "  (in the training data)" : ""));
                }
            }
        }
        if (out != null) {
            out.flush();
        }
        return new PredictResult(m.ref.weights().toString(), null, scored, scoredText, samples,
                samples == null ? null : temperature, samples == null ? null : seed);
    }

    // ---------------------------------------------------------------- helpers

    private static double[] softmax(double[] logits, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[from + i]);
        }
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(logits[from + i] - max);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Indices of the {@code k} largest entries, largest first (ties to the lower index). */
    private static int[] topIndices(double[] p, int k) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
        int n = Math.min(k, p.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private static String top(List<Double> p) {
        double[] a = new double[p.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = p.get(i);
        }
        StringBuilder sb = new StringBuilder();
        for (int c : topIndices(a, TOP)) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c).append(String.format(Locale.ROOT, " %.3f", a[c]));
        }
        return sb.toString();
    }

    private static List<Double> toList(double[] p) {
        List<Double> out = new ArrayList<>(p.length);
        for (double v : p) {
            out.add(v);
        }
        return out;
    }

    private static String dash(Object o) {
        return o == null ? "-" : o.toString();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
