package org.lethe.app.cli.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.SubjectOptions;
import org.lethe.app.cli.VersionInfo;
import org.lethe.app.cli.model.TrainCommand;
import org.lethe.data.DatasetSource;
import org.lethe.data.Examples;
import org.lethe.store.ModelKind;
import org.lethe.store.StoredModel;
import org.lethe.train.PreparedData;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code lethe data subjects}: how many examples each subject owns, in a data set or in a run's split. */
@Command(name = "subjects",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Count the examples each subject owns.",
                "In a data set with subjects (its own, generated with --subjects-per, or read with " +
                "--subjects), or in a run's training and held-out parts (--model)."})
public final class DataSubjectsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "NAME|PATH", description = "A data set (digits, names, a path, ...).")
    private String data;

    @Option(names = "--model", paramLabel = "RUN|FILE", description = "A run directory (or a model file in one): its subjects.")
    private Path modelPath;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private SubjectOptions subjects;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of generated subjects; a run's are drawn with its training seed (default: " +
                    "${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "Subjects listed in text output, 0 for all (default: ${DEFAULT-VALUE}; --json lists all).")
    private int limit;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        SubjectOptions.validate(subjects, spec);
        if ((data == null) == (modelPath == null)) {
            throw usage("give either --data or --model");
        }
        if (modelPath != null && subjects != null) {
            throw usage("a run's subjects are fixed; --subjects-per and --subjects go with --data");
        }
        Examples all;
        PreparedData prepared = null;
        if (modelPath != null) {
            prepared = runData(StoredModel.open(modelPath));
            all = prepared.all;
        } else {
            all = SubjectOptions.apply(DatasetSource.load(TrainCommand.source(data)), subjects, seed);
        }
        if (!all.hasSubjects()) {
            throw new IllegalArgumentException(all.name() + " has no subjects; give --subjects-per K or --subjects FILE.csv");
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (String s : all.distinctSubjects()) {
            counts.put(s, new int[3]);
        }
        int without = 0;
        for (int i = 0; i < all.size(); i++) {
            String s = all.subject(i);
            if (s == null) {
                without++;
                continue;
            }
            int[] c = counts.get(s);
            c[0]++;
            if (prepared != null) {
                c[prepared.train.indexOf(all.id(i)) >= 0 ? 1 : 2]++;
            }
        }
        List<DataSubjectsResult.Row> rows = new ArrayList<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            rows.add(prepared == null ? new DataSubjectsResult.Row(e.getKey(), c[0], null, null)
                    : new DataSubjectsResult.Row(e.getKey(), c[0], c[1], c[2]));
            min = Math.min(min, c[0]);
            max = Math.max(max, c[0]);
        }
        DataSubjectsResult.Split split = prepared == null ? null : new DataSubjectsResult.Split(
                prepared.train.distinctSubjects().size(), prepared.test.distinctSubjects().size());
        DataSubjectsResult doc = new DataSubjectsResult(all.name(), modelPath == null ? null : modelPath.toString(),
                counts.size(), split, all.size() - without, without, min, max, rows);
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), doc);
        } else {
            print(spec.commandLine().getOut(), doc);
        }
        return 0;
    }

    static PreparedData runData(StoredModel ref) throws IOException {
        if (ref.kind() == ModelKind.SISA) {
            return ref.openEnsemble().data;
        }
        return PreparedData.fromDescription(ref.requireRun().readConfig().data(), ref.requireRun().examples());
    }

    private void print(PrintWriter out, DataSubjectsResult doc) {
        out.printf("%s: %s subjects own %s examples (%s to %s each); %s examples have no subject%n", doc.data(),
                Formats.count(doc.subjects()), Formats.count(doc.examplesWithSubject()), doc.minExamples(),
                doc.maxExamples(), Formats.count(doc.examplesWithoutSubject()));
        boolean split = doc.split() != null;
        if (split) {
            out.printf("%s subjects own training examples, %s own held-out examples (a subject can own both)%n",
                    doc.split().trainingSubjects(), doc.split().heldOutSubjects());
        }
        List<DataSubjectsResult.Row> rows = doc.counts();
        out.println(split ? "subject               examples  train  test" : "subject               examples");
        int shown = limit <= 0 ? rows.size() : Math.min(limit, rows.size());
        for (DataSubjectsResult.Row row : rows.subList(0, shown)) {
            if (split) {
                out.printf("%-20s %9s %6s %5s%n", row.subject(), row.examples(), row.train(), row.test());
            } else {
                out.printf("%-20s %9s%n", row.subject(), row.examples());
            }
        }
        if (shown < rows.size()) {
            out.printf("... and %s more (--limit 0 or --json lists all)%n", Formats.count(rows.size() - shown));
        }
        out.flush();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
