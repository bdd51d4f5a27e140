package org.lethe.app.cli.forget;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.cli.ForgetTarget;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.VersionInfo;
import org.lethe.io.JsonFiles;
import org.lethe.nn.ParameterHash;
import org.lethe.tensor.Parallel;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.AmnesiacUnlearner;
import org.lethe.unlearn.DeletionRecord;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.ModelVersions;
import org.lethe.unlearn.ReplayUnlearner;
import org.lethe.unlearn.SisaModel;
import org.lethe.unlearn.SisaUnlearner;
import org.lethe.unlearn.ThreadPoolShardRunner;
import org.lethe.unlearn.Unlearner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe forget}: removes subjects' or examples' data from a model, writing a new model version next to
 * the old one (never overwriting it) together with a deletion record.
 */
@Command(name = "forget",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Delete subjects' or examples' data from a model. Writes a new version next to the old one " +
                "(which is left untouched) with a deletion record. Methods: sisa (exact, SISA models), " +
                "replay (exact, single models with checkpoints), retrain (exact, from scratch), amnesiac " +
                "(approximate, needs recorded updates). Deleting data that is already gone is a no-op."})
public final class ForgetCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A run directory or SISA model directory.")
    private Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ForgetTarget target;

    @Option(names = "--method", paramLabel = "sisa|replay|retrain|amnesiac",
            description = "Deletion method (default: sisa for SISA models, replay otherwise).")
    private String method;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the new version (default: <model>-v<N>).")
    private Path out;

    @Option(names = "--reason", defaultValue = "", description = "Why the data is deleted (kept in the record).")
    private String reason;

    @Option(names = "--requester", defaultValue = "", description = "Who asked (kept in the record).")
    private String requester;

    @Option(names = "--fine-tune-steps", defaultValue = "0", description = "Amnesiac only: repair steps on retained data (default: ${DEFAULT-VALUE}).")
    private int fineTuneSteps;

    @Option(names = "--verify-exact", description = "Also retrain from scratch without the data and compare hashes.")
    private boolean verifyExact;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(model)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model: no such model directory: " + model);
        }
        boolean sisa = Files.isRegularFile(model.resolve(SisaModel.FILE));
        String m = method != null ? method : (sisa ? "sisa" : "replay");
        if (sisa != m.equals("sisa")) {
            throw new CommandLine.ParameterException(spec.commandLine(), sisa
                    ? "--method " + m + " does not apply to a SISA model (use sisa)"
                    : "--method sisa needs a SISA model (lethe train --sisa); " + model + " is a single model");
        }
        DeletionRequest request = new DeletionRequest(readIds(), target.subjects(), reason, requester);
        Path next = out != null ? out : nextVersion(model);
        DeletionRecord record;
        // Replay and retraining run the training loop again, long enough for a progress bar (on a terminal).
        try (Progress progress = m.equals("replay") || m.equals("retrain") ? stepProgress(m) : null) {
            record = unlearner(m, progress).forget(model, request, next);
        }
        Map<String, Object> result = new LinkedHashMap<>(record.toMap());
        if (record.isNoOp()) {
            result.put("no_op", true);
        } else if (verifyExact) {
            result.put("verified_exact", verify(sisa, next, record));
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (json.enabled()) {
            pw.println(JsonFiles.line(result));
        } else if (record.isNoOp()) {
            pw.printf("nothing to delete: the %d example(s) named are already deleted from %s; no new version written%n",
                    record.alreadyDeleted.size(), model);
        } else {
            pw.printf("deleted %d example(s) with %s (%s) in %.2f s%n", record.removedIds.size(), record.method,
                    record.exact ? "exact" : "approximate", record.wallSeconds);
            pw.printf("recomputed: %s%n", record.recomputed);
            pw.printf("model before %s%nmodel after  %s%nnew version: %s%n", record.hashBefore, record.hashAfter, next);
            if (result.containsKey("verified_exact")) {
                pw.printf("verify: retrained from scratch, hashes %s%n",
                        Boolean.TRUE.equals(result.get("verified_exact")) ? "match (exact)"
                                : record.exact ? "DIFFER (this is a bug: please report it)" : "differ (expected: the method is approximate)");
            }
        }
        pw.flush();
        // An exact method that fails verification is a bug worth a failing exit; an approximate one is expected to differ.
        return record.exact && Boolean.FALSE.equals(result.get("verified_exact")) ? 1 : 0;
    }

    /** A bar over the run's optimiser steps, or null when the run cannot be read (the deletion then says why). */
    private Progress stepProgress(String m) {
        try {
            return Progress.start("forget (" + m + ")", TrainingRun.open(model).provenance.steps());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Unlearner unlearner(String m, Progress progress) {
        Trainer.Listener listener = progress == null ? new Trainer.Listener() { } : new Trainer.Listener() {
            private long shown;

            @Override
            public void onStep(int step, double loss, double learningRate) {
                // A replay's first step follows the restored checkpoint, so the bar jumps there first.
                progress.stepBy(step + 1 - shown);
                shown = step + 1;
            }
        };
        switch (m) {
            case "sisa": return new SisaUnlearner(new ThreadPoolShardRunner(Parallel.threads()));
            case "replay": return new ReplayUnlearner(false, listener);
            case "retrain": return new ReplayUnlearner(true, listener);
            case "amnesiac": return new AmnesiacUnlearner(fineTuneSteps);
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--method must be sisa, replay, retrain or amnesiac, got '" + m + "'");
        }
    }

    private List<String> readIds() throws IOException {
        return target.ids();
    }

    /** The first free sibling {@code <name>-v<N>}, N from 2. */
    static Path nextVersion(Path model) {
        Path abs = model.toAbsolutePath().normalize();
        String base = abs.getFileName().toString().replaceFirst("-v\\d+$", "");
        for (int n = 2; ; n++) {
            Path candidate = abs.resolveSibling(base + "-v" + n);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    private boolean verify(boolean sisa, Path next, DeletionRecord record) throws Exception {
        Path scratchDir = Files.createTempDirectory(next.toAbsolutePath().getParent(), ".verify-");
        try {
            if (sisa) {
                SisaModel deleted = SisaModel.open(next);
                SisaModel scratch = SisaModel.create(scratchDir.resolve("model"), deleted.modelSpec, deleted.config,
                        deleted.data, deleted.shards(), deleted.slices(), deleted.epochsPerSlice, deleted.aggregation);
                scratch.trainAll(new ThreadPoolShardRunner(Parallel.threads()), null);
                return scratch.hash().equals(record.hashAfter);
            }
            TrainingRun deleted = TrainingRun.open(next);
            TrainingRun scratch = TrainingRun.create(scratchDir.resolve("model"), deleted.modelSpec, deleted.config, deleted.data);
            scratch.train(new Trainer.Listener() { });
            return ParameterHash.of(scratch.model).equals(record.hashAfter);
        } finally {
            ModelVersions.discard(scratchDir);
        }
    }
}
