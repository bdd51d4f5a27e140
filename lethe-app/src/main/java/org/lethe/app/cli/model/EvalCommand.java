package org.lethe.app.cli.model;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.LoadedModel;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.data.Dataset;
import org.lethe.data.DatasetSource;
import org.lethe.data.Examples;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Gpt;
import org.lethe.nn.Layer;
import org.lethe.store.ModelKind;
import org.lethe.store.StoredModel;
import org.lethe.tensor.NDArray;
import org.lethe.train.CharacterModel;
import org.lethe.train.ClassificationTask;
import org.lethe.train.Evaluation;
import org.lethe.train.SisaModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code lethe eval}: held-out metrics of a model on its run's test split (or another split, or other data):
 * accuracy, loss and per-class accuracy for classifiers, mean next-character loss for character GPTs.
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Evaluate a model on held-out data.",
                "Uses the run's held-out split by default, or --split, or all of --data. Classifiers: " +
                "accuracy, loss and per-class accuracy. Character GPTs: mean next-character loss in nats."})
public final class EvalCommand implements Callable<Integer> {
    private static final int CHUNK = 1000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--data", paramLabel = "NAME|PATH",
            description = "Evaluate on all of this data instead of the run's split (needed for a model outside a " +
                    "run).")
    private String data;

    @Option(names = "--split", paramLabel = "test|train|all", defaultValue = "test",
            description = "Which part of the run's data (default: ${DEFAULT-VALUE}).")
    private String split;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (!List.of("test", "train", "all").contains(split)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--split must be test, train or all, got '" + split + "'");
        }
        if (data != null && spec.commandLine().getParseResult().hasMatchedOption("--split")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--split chooses part of the run's data; it cannot go with --data");
        }
        StoredModel stored = modelOption.resolveAny();
        if (stored.kind() == ModelKind.SISA) {
            return evalEnsemble(stored.openEnsemble());
        }
        LoadedModel m = LoadedModel.load(stored);
        Examples examples = examples(m);
        String dataName = data != null ? examples.name() : examples.name() + " (" + splitName() + ")";
        Map<String, Double> metrics;
        List<EvalResult.ClassResult> perClass = null;
        if (m.model instanceof Gpt) {
            TextCorpus corpus = requireCorpus(examples);
            if (data == null) {
                metrics = Evaluation.languageModel(m.model, corpus, m.algebra);
            } else {
                metrics = textLoss(new CharacterModel((Gpt) m.model, trainingVocabulary(m)), corpus);
            }
        } else {
            Dataset dataset = requireDataset(examples, m);
            metrics = Evaluation.classifier((Layer) m.model, dataset, m.spec.inputShape(), m.algebra);
            perClass = perClass((Layer) m.model, dataset, m);
        }
        EvalResult result = new EvalResult(m.ref.weights().toString(), m.spec, null, dataName, examples.size(),
                metrics, perClass);
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), result);
        } else {
            print(spec.commandLine().getOut(), result);
        }
        return 0;
    }

    // The run's parts in the words the rest of Lethe uses for them.
    private String splitName() {
        switch (split) {
            case "train": return "training split";
            case "all": return "training and held-out examples";
            default: return "held-out split";
        }
    }

    private int evalEnsemble(SisaModel ensemble) throws java.io.IOException {
        Examples examples;
        if (data != null) {
            examples = DatasetSource.load(TrainCommand.source(data));
        } else {
            examples = "train".equals(split) ? ensemble.data.train : "all".equals(split) ? ensemble.data.all
                    : ensemble.data.test;
        }
        if (!(examples instanceof Dataset)) {
            throw new IllegalArgumentException(examples.name() + " is a text corpus; an ensemble is evaluated on a "
                    + "labelled data set");
        }
        EnsembleEvaluation evaluation = new EnsembleEvaluation(ensemble, (Dataset) examples);
        EvalResult result = new EvalResult(ensemble.dir.toString(), ensemble.modelSpec,
                ensemble.shards() + " shards x " + ensemble.slices() + " slices, " + ensemble.aggregation,
                data != null ? examples.name() : examples.name() + " (" + splitName() + ")", examples.size(),
                evaluation.metrics, evaluation.perClass);
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), result);
        } else {
            print(spec.commandLine().getOut(), result);
        }
        return 0;
    }

    private Examples examples(LoadedModel m) throws java.io.IOException {
        if (data != null) {
            return DatasetSource.load(TrainCommand.source(data));
        }
        if (m.run == null) {
            throw new IllegalArgumentException(modelOption.path() + " is not in a run directory, so it has no held-out split;"
                    + " give the data to evaluate on with --data");
        }
        switch (split) {
            case "train": return m.run.data.train;
            case "all": return m.run.data.all;
            default: return m.run.data.test;
        }
    }

    private static TextCorpus trainingVocabulary(LoadedModel m) throws java.io.IOException {
        Examples all = m.allData();
        if (!(all instanceof TextCorpus)) {
            throw new IllegalArgumentException(m.card.dataset().name() + " is not a text corpus, but the model is a GPT");
        }
        return (TextCorpus) all;
    }

    private static TextCorpus requireCorpus(Examples e) {
        if (!(e instanceof TextCorpus)) {
            throw new IllegalArgumentException(e.name() + " is a labelled data set; a GPT is evaluated on text");
        }
        return (TextCorpus) e;
    }

    private static Dataset requireDataset(Examples e, LoadedModel m) {
        if (!(e instanceof Dataset)) {
            throw new IllegalArgumentException(e.name() + " is a text corpus; a classifier is evaluated on a labelled data set");
        }
        Dataset d = (Dataset) e;
        Object widths = m.spec.toMap().get("widths");
        if (widths instanceof List) {
            List<?> w = (List<?>) widths;
            int in = ((Number) w.get(0)).intValue();
            int classes = ((Number) w.get(w.size() - 1)).intValue();
            if (d.featureCount() != in || d.classCount() > classes) {
                throw new IllegalArgumentException(d.name() + " has " + d.featureCount() + " features and "
                        + d.classCount() + " classes; the model takes " + in + " features and predicts " + classes + " classes");
            }
        }
        return d;
    }

    /** Mean over documents of the per-document loss, as the run's own evaluation computes it. */
    private static Map<String, Double> textLoss(CharacterModel model, TextCorpus corpus) {
        double sum = 0;
        for (int i = 0; i < corpus.size(); i++) {
            sum += model.loss(corpus.document(i));
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", corpus.size() == 0 ? Double.NaN : sum / corpus.size());
        return m;
    }

    private static List<EvalResult.ClassResult> perClass(Layer model, Dataset d, LoadedModel m) {
        ClassificationTask task = new ClassificationTask(d, m.spec.inputShape(), m.algebra);
        int classes = d.classCount();
        int[] total = new int[classes];
        int[] correct = new int[classes];
        for (int s = 0; s < d.size(); s += CHUNK) {
            int n = Math.min(CHUNK, d.size() - s);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = s + i;
            }
            NDArray logits = task.logits(model, idx);
            int[] predicted = logits.argmax(1);
            for (int i = 0; i < n; i++) {
                int label = d.label(idx[i]);
                total[label]++;
                correct[label] += predicted[i] == label ? 1 : 0;
            }
        }
        List<EvalResult.ClassResult> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            out.add(EvalResult.ClassResult.of(c, total[c], correct[c]));
        }
        return out;
    }

    private static void print(PrintWriter out, EvalResult r) {
        out.printf("model     %s (%s%s)%n", r.model(), Formats.architecture(r.architecture().toMap()),
                r.ensemble() != null ? "; SISA ensemble of " + r.ensemble() : "");
        out.printf("data      %s, %s examples%n", r.data(), Formats.count(r.examples()));
        Map<String, Double> metrics = r.metrics();
        if (metrics.containsKey("accuracy")) {
            double acc = metrics.get("accuracy");
            long n = r.examples();
            out.printf("accuracy  %s (%s of %s)%n", Formats.percent(acc), Formats.count(Math.round(acc * n)), Formats.count(n));
            out.printf("loss      %s (mean cross-entropy, nats)%n", Formats.decimal(metrics.get("loss")));
            out.println("class  examples  accuracy");
            for (EvalResult.ClassResult row : r.perClass()) {
                double a = row.accuracy();
                out.printf("%5s  %8s  %8s%n", row.label(), Formats.count(row.examples()),
                        Double.isNaN(a) ? "-" : Formats.percent(a));
            }
        } else {
            double loss = metrics.get("loss");
            out.printf("loss      %s nats per character (mean over documents; perplexity %.2f)%n",
                    Formats.decimal(loss), Math.exp(loss));
        }
        out.flush();
    }
}
