package org.lethe.app.cli.audit;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.VersionInfo;
import org.lethe.app.cli.model.TrainCommand;
import org.lethe.audit.CanaryExperiment;
import org.lethe.audit.CanaryExperimentResult;
import org.lethe.audit.CanaryFormat;
import org.lethe.data.DatasetSource;
import org.lethe.store.ModelVersions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code lethe audit canary}: the canary-exposure experiment end to end (see {@link CanaryExperiment}): train a
 * character GPT on a corpus with secret canaries, measure their exposure, delete them exactly, measure again.
 */
@Command(name = "canary",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        header = "Canary exposure of a character GPT before and after exact deletion.",
        description = "Inserts secret canaries such as 'mycode4930' (a fixed prefix and a random secret) "
                + "--repeats times each into documents of a text corpus, trains a small character GPT, and measures "
                + "each secret's exposure: log2(candidates) - log2(rank of the true secret among all candidates, by "
                + "model likelihood). Then deletes the canary documents exactly (retraining, or replay from "
                + "checkpoints) and measures again; never-inserted control secrets show the level of a model that "
                + "never saw them. Every candidate is scored when there are at most --max-candidates; otherwise the "
                + "rank is estimated from a sample.")
public final class AuditCanaryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", defaultValue = "names", paramLabel = "names|FILE.txt",
            description = "Corpus whose documents surround the canaries (default: ${DEFAULT-VALUE}).")
    private String data;

    @Option(names = "--documents", defaultValue = "1000", paramLabel = "N",
            description = "Documents drawn from the corpus (default: ${DEFAULT-VALUE}).")
    private int documents;

    @Option(names = "--secret-length", defaultValue = "4", paramLabel = "L",
            description = "Symbols per secret (default: ${DEFAULT-VALUE}).")
    private int secretLength;

    @Option(names = "--alphabet", defaultValue = "digits", paramLabel = "digits|letters|CHARS",
            description = "Symbols of the secrets (default: ${DEFAULT-VALUE}).")
    private String alphabet;

    @Option(names = "--prefix", defaultValue = CanaryFormat.DEFAULT_PREFIX, paramLabel = "TEXT",
            description = "Text before the secret (default: ${DEFAULT-VALUE}).")
    private String prefix;

    @Option(names = "--repeats", defaultValue = "20", paramLabel = "R",
            description = "Copies of each canary in the training data (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--canaries", defaultValue = "1", paramLabel = "N",
            description = "Different canaries (default: ${DEFAULT-VALUE}).")
    private int canaries;

    @Option(names = "--controls", defaultValue = "4", paramLabel = "N",
            description = "Never-inserted secrets measured for comparison (default: ${DEFAULT-VALUE}).")
    private int controls;

    @Option(names = "--epochs", defaultValue = "4", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--width", defaultValue = "32", paramLabel = "N", description = "GPT width (default: ${DEFAULT-VALUE}).")
    private int width;

    @Option(names = "--layers", defaultValue = "1", paramLabel = "N", description = "GPT blocks (default: ${DEFAULT-VALUE}).")
    private int layers;

    @Option(names = "--heads", defaultValue = "4", paramLabel = "N", description = "GPT attention heads (default: ${DEFAULT-VALUE}).")
    private int heads;

    @Option(names = "--context", defaultValue = "16", paramLabel = "N", description = "GPT context length (default: ${DEFAULT-VALUE}).")
    private int context;

    @Option(names = "--method", defaultValue = "retrain", paramLabel = "NAME",
            description = "Deletion method for single models, at its default settings (default: ${DEFAULT-VALUE}; "
                    + "see lethe forget --list-methods).")
    private String method;

    @Option(names = "--max-candidates", defaultValue = "1000000", paramLabel = "N",
            description = "Score every candidate up to this many; above, estimate the rank from --samples " +
                    "(default: ${DEFAULT-VALUE}).")
    private long maxCandidates;

    @Option(names = "--samples", defaultValue = "100000", paramLabel = "N",
            description = "Candidates drawn when estimating the rank (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seed of documents, secrets, split and training (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Keep the corpus and both runs in this new directory (default: a temporary one, removed).")
    private Path work;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        CanaryExperiment.Options o = new CanaryExperiment.Options();
        try {
            o.format = new CanaryFormat(prefix, alphabetOf(alphabet), secretLength);
            o.canaries = canaries;
            o.repeats = repeats;
            o.controls = controls;
            o.documents = documents;
            o.context = context;
            o.layers = layers;
            o.width = width;
            o.heads = heads;
            o.training.epochs = epochs;
            o.training.seed = seed;
            o.deletion = method;
            o.exposure.maxCandidates = maxCandidates;
            o.exposure.samples = samples;
            o.exposure.seed = seed;
            o.validate();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (work != null && Files.exists(work) && !isEmptyDirectory(work)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--work " + work + " already exists and is not empty");
        }
        Path dir = work != null ? work : Files.createTempDirectory("lethe-canary-");
        boolean chatty = !json.enabled() && Progress.stdoutIsTerminal();
        Consumer<String> progress = chatty ? line -> System.err.println(line + " ...") : null;
        CanaryExperimentResult r;
        try {
            r = CanaryExperiment.run(DatasetSource.loadCorpus(TrainCommand.source(data)), dir, o, progress, null);
        } finally {
            if (work == null) {
                // The temporary runs are only a means to the measurement.
                ModelVersions.discard(dir);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, new AuditCanaryResult(r.toSection(), work == null ? null : work.toString()));
        } else {
            print(out, r);
        }
        return 0;
    }

    private static String alphabetOf(String name) {
        switch (name) {
            case "digits": return CanaryFormat.DIGITS;
            case "letters": return CanaryFormat.LETTERS;
            default: return name;
        }
    }

    private static boolean isEmptyDirectory(Path p) throws java.io.IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (java.util.stream.Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    private void print(PrintWriter out, CanaryExperimentResult r) {
        CanaryExperimentResult.Secret first = r.canaries.get(0);
        out.printf(Locale.ROOT, "canaries: %s; %d cop%s each among %s training documents%n", r.format,
                repeats, repeats == 1 ? "y" : "ies", Formats.count(r.trainingDocuments));
        out.printf(Locale.ROOT, "candidates: %s (%s), maximum exposure %.2f bits%n",
                Formats.count(r.format.candidateCount()), r.exact() ? "all scored" : "rank estimated from "
                        + Formats.count(samples) + " samples", first.before.maxExposure());
        out.printf("%-10s %-8s %6s %16s %16s%n", "", "secret", "copies", "exposure before", "exposure after");
        for (CanaryExperimentResult.Secret s : r.canaries) {
            row(out, "canary", s);
        }
        for (CanaryExperimentResult.Secret s : r.controls) {
            row(out, "control", s);
        }
        out.printf(Locale.ROOT, "mean canary exposure %.2f -> %.2f bits; controls %.2f -> %.2f bits%n",
                r.meanCanaryExposureBefore(), r.meanCanaryExposureAfter(), r.meanControlExposureBefore(),
                r.meanControlExposureAfter());
        out.printf(Locale.ROOT, "deletion: %s (%s), %d documents removed in %.2f s; test loss %.4f -> %.4f nats%n",
                r.deletion.method(), r.deletion.exact() ? "exact" : "approximate", r.deletion.removedIds().size(),
                r.deletion.wallSeconds(), r.testLossBefore, r.testLossAfter);
        out.flush();
    }

    private static void row(PrintWriter out, String kind, CanaryExperimentResult.Secret s) {
        out.printf(Locale.ROOT, "%-10s %-8s %6d %11.2f bits %11.2f bits%n", kind, s.secret, s.copies,
                s.before.exposure(), s.after.exposure());
    }
}
