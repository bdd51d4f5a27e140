package org.lethe.app.cli.data;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.store.StoredModel;
import org.lethe.train.PreparedData;
import org.lethe.train.ProvenanceLog;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe data steps}: which optimiser steps of a run used an example, or any example of a subject. */
@Command(name = "steps",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Which training steps used an example or a subject?",
                "Steps and epochs are numbered from 0, as in 'lethe data batch'."})
public final class DataStepsCommand implements Callable<Integer> {
    /** Exactly one of the two queries. */
    static final class Query {
        @Option(names = "--id", paramLabel = "ID", required = true, description = "An example id, e.g. digits-42.")
        String id;

        @Option(names = "--subject", paramLabel = "S", required = true, description = "A subject, e.g. subject-0007.")
        String subject;
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption modelOption;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Query query;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "Steps and ids listed in text output, 0 for all (default: ${DEFAULT-VALUE}; --json " +
                    "lists all).")
    private int limit;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        StoredModel ref = modelOption.resolve();
        ProvenanceLog log = ref.provenance();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", ref.requireRun().root().toString());
        List<String> ids;
        String heldOutNote = null;
        if (query.id != null) {
            doc.put("id", query.id);
            if (log.contains(query.id)) {
                ids = List.of(query.id);
            } else {
                PreparedData data = DataSubjectsCommand.runData(ref);
                if (data.test.indexOf(query.id) < 0) {
                    throw new IllegalArgumentException("unknown example id " + query.id + " in " + data.all.name()
                            + " (ids look like " + data.all.id(0) + ")");
                }
                ids = List.of();
                heldOutNote = query.id + " is in the held-out split: no step used it";
            }
        } else {
            doc.put("subject", query.subject);
            if (log.subjects() == null) {
                throw new IllegalArgumentException(ref.runDirectory().root() + " was trained without subjects"
                        + " (train with --subjects-per K or --subjects FILE.csv)");
            }
            if (log.subjectList().contains(query.subject)) {
                ids = log.idsOfSubject(query.subject);
            } else {
                PreparedData data = DataSubjectsCommand.runData(ref);
                if (!data.all.distinctSubjects().contains(query.subject)) {
                    throw new IllegalArgumentException("unknown subject " + query.subject + " in " + ref.runDirectory().root()
                            + " (subjects look like " + log.subjectList().get(0) + ")");
                }
                ids = List.of();
                heldOutNote = query.subject + " owns only held-out examples: no step used them";
            }
            doc.put("examples", ids);
        }
        int[] steps = log.stepsUsingAny(ids);
        int[] perEpoch = new int[log.epochs()];
        for (int s : steps) {
            perEpoch[s / log.stepsPerEpoch()]++;
        }
        doc.put("split", ids.isEmpty() ? "test" : "train");
        doc.put("steps", steps);
        doc.put("step_count", steps.length);
        doc.put("steps_per_epoch", perEpoch);
        doc.put("total_steps", log.steps());
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), doc);
            return 0;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (heldOutNote != null) {
            out.println(heldOutNote);
        } else {
            String what = query.id != null ? "example " + query.id
                    : "subject " + query.subject + " (" + ids.size() + " training example" + (ids.size() == 1 ? "" : "s") + ")";
            out.printf("%s fed %s of %s steps (%s)%n", what, Formats.count(steps.length), Formats.count(log.steps()),
                    Formats.percent(steps.length / (double) log.steps()));
            List<String> epochs = new ArrayList<>();
            for (int e = 0; e < perEpoch.length; e++) {
                epochs.add("epoch " + e + ": " + perEpoch[e]);
            }
            out.printf("per epoch  %s%n", String.join(", ", epochs));
            out.printf("steps      %s%n", Formats.steps(steps, limit));
            if (query.subject != null) {
                int shown = limit <= 0 ? ids.size() : Math.min(limit, ids.size());
                out.printf("examples   %s%s%n", String.join(", ", ids.subList(0, shown)),
                        shown < ids.size() ? ", ... (" + ids.size() + " in all)" : "");
            }
        }
        out.flush();
        return 0;
    }
}
