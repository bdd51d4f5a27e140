package org.lethe.app.cli.data;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.store.ModelKind;
import org.lethe.store.StoredModel;
import org.lethe.train.SisaModel;
import org.lethe.data.Dataset;
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

    // An ensemble trains each shard in stages, one per slice: an example in slice r of shard s fed stages r..R-1.
    private int ensembleStages(SisaModel ensemble) {
        Dataset train = ensemble.data.trainDataset();
        List<String> ids = new ArrayList<>();
        String note = null;
        java.util.TreeMap<Integer, Integer> firstSlice = new java.util.TreeMap<>();
        for (int i = 0; i < train.size(); i++) {
            boolean hit = query.id != null ? train.id(i).equals(query.id) : query.subject.equals(train.subject(i));
            if (hit) {
                ids.add(train.id(i));
                firstSlice.merge(ensemble.shardOf(i), ensemble.sliceOf(i), Math::min);
            }
        }
        if (ids.isEmpty()) {
            String what = query.id != null ? "example " + query.id : "subject " + query.subject;
            boolean heldOut = query.id != null ? ensemble.data.test.indexOf(query.id) >= 0
                    : ensemble.data.test.distinctSubjects().contains(query.subject);
            if (!heldOut && !ensemble.data.excludedIds().isEmpty() && isDeleted(ensemble)) {
                note = what + " was deleted from this version: no stage of it used that data";
            } else if (!heldOut) {
                throw new IllegalArgumentException("unknown " + what + " in " + ensemble.dir);
            } else {
                note = what + " is in the held-out split: no stage used it";
            }
        }
        List<EnsembleStepsResult.Shard> stages = new ArrayList<>();
        int stageCount = 0;
        for (Map.Entry<Integer, Integer> e : firstSlice.entrySet()) {
            stages.add(new EnsembleStepsResult.Shard(e.getKey(), e.getValue(), ensemble.slices() - e.getValue()));
            stageCount += ensemble.slices() - e.getValue();
        }
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), new EnsembleStepsResult(ensemble.dir.toString(), note, query.id,
                    query.id != null ? null : query.subject, ids, stages, stageCount,
                    ensemble.shards() * ensemble.slices()));
            return 0;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (note != null) {
            out.println(note);
        } else {
            out.printf("%s (%d training example(s)) fed %d of %d stages (shards x slices)%n",
                    query.id != null ? "example " + query.id : "subject " + query.subject, ids.size(), stageCount,
                    ensemble.shards() * ensemble.slices());
            for (EnsembleStepsResult.Shard row : stages) {
                out.printf("  shard %s: from slice %s on, %s stage(s)%n", row.shard(), row.firstSlice(), row.stages());
            }
        }
        out.flush();
        return 0;
    }

    private boolean isDeleted(SisaModel ensemble) {
        if (query.id != null) {
            return ensemble.data.excludedIds().contains(query.id);
        }
        for (String id : ensemble.data.excludedIds()) {
            if (query.subject.equals(ensemble.data.subjectOf(id))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Integer call() throws Exception {
        StoredModel any = modelOption.resolveAny();
        if (any.kind() == ModelKind.SISA) {
            return ensembleStages(any.openEnsemble());
        }
        StoredModel ref = modelOption.resolve();
        ProvenanceLog log = ref.provenance();
        String run = ref.requireRun().root().toString();
        List<String> ids;
        String heldOutNote = null;
        if (query.id != null) {
            if (log.contains(query.id)) {
                ids = List.of(query.id);
            } else {
                PreparedData data = DataSubjectsCommand.runData(ref);
                if (data.test.indexOf(query.id) < 0 && !data.excludedIds().contains(query.id)) {
                    throw new IllegalArgumentException("unknown example id " + query.id + " in " + data.all.name()
                            + " (ids look like " + data.all.id(0) + ")");
                }
                ids = List.of();
                heldOutNote = data.excludedIds().contains(query.id)
                        ? query.id + " was deleted from this version: no step of it used that example"
                        : query.id + " is in the held-out split: no step used it";
            }
        } else {
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
                boolean deleted = false;
                for (String id : data.excludedIds()) {
                    deleted |= query.subject.equals(data.subjectOf(id));
                }
                heldOutNote = deleted ? query.subject + " was deleted from this version: no step of it used that data"
                        : query.subject + " owns only held-out examples: no step used them";
            }
        }
        int[] steps = log.stepsUsingAny(ids);
        int[] perEpoch = new int[log.epochs()];
        for (int s : steps) {
            perEpoch[s / log.stepsPerEpoch()]++;
        }
        if (json.enabled()) {
            // Only a subject's query lists the training examples it matched.
            JsonOutput.print(spec.commandLine().getOut(), new DataStepsResult(run, query.id,
                    query.subject, query.id != null ? null : ids, ids.isEmpty() ? "test" : "train", steps, steps.length,
                    perEpoch, log.steps()));
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
