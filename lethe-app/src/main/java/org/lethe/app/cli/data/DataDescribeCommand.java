package org.lethe.app.cli.data;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", all.name());
        d.put("source", data);
        d.put("size", all.size());
        if (all instanceof Dataset) {
            describeDataset((Dataset) all, d);
        } else {
            describeCorpus((TextCorpus) all, d);
        }
        d.put("subjects", all.hasSubjects() ? all.distinctSubjects().size() : 0);
        d.put("fingerprint", all.fingerprint());
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), d);
        } else {
            print(spec.commandLine().getOut(), d);
        }
        return 0;
    }

    private static void describeDataset(Dataset ds, Map<String, Object> d) {
        d.put("kind", ds.imageShape().isPresent() ? "images" : "features");
        d.put("features", ds.featureCount());
        d.put("image_shape", ds.imageShape().orElse(null));
        d.put("classes", ds.classCount());
        int[] histogram = new int[ds.classCount()];
        for (int i = 0; i < ds.size(); i++) {
            histogram[ds.label(i)]++;
        }
        List<Integer> h = new ArrayList<>();
        for (int c : histogram) {
            h.add(c);
        }
        d.put("label_counts", h);
        d.put("first_id", ds.size() == 0 ? null : ds.id(0));
    }

    private static void describeCorpus(TextCorpus c, Map<String, Object> d) {
        d.put("kind", "text");
        d.put("vocabulary", c.vocabulary());
        d.put("vocabulary_size", c.vocabularySize());
        int min = Integer.MAX_VALUE;
        int max = 0;
        long sum = 0;
        for (int i = 0; i < c.size(); i++) {
            int n = c.document(i).codePointCount(0, c.document(i).length());
            min = Math.min(min, n);
            max = Math.max(max, n);
            sum += n;
        }
        Map<String, Object> lengths = new LinkedHashMap<>();
        lengths.put("min", c.size() == 0 ? 0 : min);
        lengths.put("mean", c.size() == 0 ? 0.0 : sum / (double) c.size());
        lengths.put("max", max);
        d.put("document_length", lengths);
        d.put("first_id", c.size() == 0 ? null : c.id(0));
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintWriter out, Map<String, Object> d) {
        String kind = (String) d.get("kind");
        out.printf("%-12s %s (%s)%n", "data", d.get("name"), kind);
        if (kind.equals("text")) {
            out.printf("%-12s %s documents (ids %s, ...)%n", "size", Formats.count(((Number) d.get("size")).longValue()), d.get("first_id"));
            out.printf("%-12s %s characters: %s%n", "vocabulary", d.get("vocabulary_size"), d.get("vocabulary"));
            Map<String, Object> len = (Map<String, Object>) d.get("document_length");
            out.printf("%-12s %s to %s characters, mean %.1f%n", "lengths", len.get("min"), len.get("max"),
                    ((Number) len.get("mean")).doubleValue());
        } else {
            out.printf("%-12s %s examples (ids %s, ...)%n", "size", Formats.count(((Number) d.get("size")).longValue()), d.get("first_id"));
            int[] shape = (int[]) d.get("image_shape");
            out.printf("%-12s %s%s%n", "features", d.get("features"), shape == null ? "" : " (images " + Arrays.toString(shape) + ")");
            out.printf("%-12s %s%n", "classes", d.get("classes"));
            List<Integer> h = (List<Integer>) d.get("label_counts");
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < h.size(); c++) {
                sb.append(c == 0 ? "" : "  ").append(c).append(": ").append(Formats.count(h.get(c)));
            }
            out.printf("%-12s %s%n", "labels", sb);
        }
        out.printf("%-12s %s%n", "subjects", ((Number) d.get("subjects")).intValue() == 0 ? "none" : Formats.count(((Number) d.get("subjects")).longValue()));
        out.printf("%-12s %s%n", "fingerprint", d.get("fingerprint"));
        out.flush();
    }
}
