package org.lethe.app.cli.data;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.SubjectOptions;
import org.lethe.app.cli.VersionInfo;
import org.lethe.app.cli.model.TrainCommand;
import org.lethe.data.Dataset;
import org.lethe.data.DatasetSource;
import org.lethe.data.Examples;
import org.lethe.data.TextCorpus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe data describe}: size, features, classes or vocabulary, label histogram, subjects, fingerprint. */
@Command(name = "describe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Describe a data set: size, classes or vocabulary, fingerprint.",
                "Also the features or image shape and label histogram of labelled data, and the document " +
                "lengths of a text corpus."})
public final class DataDescribeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "NAME|PATH", required = true,
            description = "digits, fashion-mnist, names, or a path (IDX folder, .csv, .txt).")
    private String data;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private SubjectOptions subjects;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of generated subjects (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        SubjectOptions.validate(subjects, spec);
        Examples all = SubjectOptions.apply(DatasetSource.load(TrainCommand.source(data)), subjects, seed);
        DataDescription d = new DataDescription(all.name(), data, all.size(),
                all instanceof Dataset ds ? describeDataset(ds) : null,
                all instanceof TextCorpus c ? describeCorpus(c) : null,
                all.hasSubjects() ? all.distinctSubjects().size() : 0, all.fingerprint());
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), d);
        } else {
            print(spec.commandLine().getOut(), d);
        }
        return 0;
    }

    private static DataDescription.Labelled describeDataset(Dataset ds) {
        int[] histogram = new int[ds.classCount()];
        for (int i = 0; i < ds.size(); i++) {
            histogram[ds.label(i)]++;
        }
        List<Integer> h = new ArrayList<>();
        for (int c : histogram) {
            h.add(c);
        }
        return new DataDescription.Labelled(ds.imageShape().isPresent() ? "images" : "features", ds.featureCount(),
                ds.imageShape().orElse(null), ds.classCount(), h, ds.size() == 0 ? null : ds.id(0));
    }

    private static DataDescription.Text describeCorpus(TextCorpus c) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        long sum = 0;
        for (int i = 0; i < c.size(); i++) {
            int n = c.document(i).codePointCount(0, c.document(i).length());
            min = Math.min(min, n);
            max = Math.max(max, n);
            sum += n;
        }
        DataDescription.Lengths lengths = new DataDescription.Lengths(c.size() == 0 ? 0 : min,
                c.size() == 0 ? 0.0 : sum / (double) c.size(), max);
        return new DataDescription.Text("text", c.vocabulary(), c.vocabularySize(), lengths,
                c.size() == 0 ? null : c.id(0));
    }

    private static void print(PrintWriter out, DataDescription d) {
        if (d.text() != null) {
            DataDescription.Text t = d.text();
            out.printf("%-12s %s (%s)%n", "data", d.name(), t.kind());
            out.printf("%-12s %s documents (ids %s, ...)%n", "size", Formats.count(d.size()), t.firstId());
            out.printf("%-12s %s characters: %s%n", "vocabulary", t.vocabularySize(), t.vocabulary());
            DataDescription.Lengths len = t.documentLength();
            out.printf("%-12s %s to %s characters, mean %.1f%n", "lengths", len.min(), len.max(), len.mean());
        } else {
            DataDescription.Labelled l = d.labelled();
            out.printf("%-12s %s (%s)%n", "data", d.name(), l.kind());
            out.printf("%-12s %s examples (ids %s, ...)%n", "size", Formats.count(d.size()), l.firstId());
            int[] shape = l.imageShape();
            out.printf("%-12s %s%s%n", "features", l.features(), shape == null ? "" : " (images " + Arrays.toString(shape) + ")");
            out.printf("%-12s %s%n", "classes", l.classes());
            List<Integer> h = l.labelCounts();
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < h.size(); c++) {
                sb.append(c == 0 ? "" : "  ").append(c).append(": ").append(Formats.count(h.get(c)));
            }
            out.printf("%-12s %s%n", "labels", sb);
        }
        out.printf("%-12s %s%n", "subjects", d.subjects() == 0 ? "none" : Formats.count(d.subjects()));
        out.printf("%-12s %s%n", "fingerprint", d.fingerprint());
        out.flush();
    }
}
