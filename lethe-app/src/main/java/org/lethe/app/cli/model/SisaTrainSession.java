package org.lethe.app.cli.model;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.InterruptNotice;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.exec.JobRunner;
import org.lethe.store.ModelVersions;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;

/** Trains a SISA ensemble for {@code lethe train --sisa} and reports it. */
final class SisaTrainSession {
    private SisaTrainSession() {
    }

    static int run(PrintWriter out, boolean json, Path dir, ModelSpec spec, TrainConfig config, PreparedData data,
                   int shards, int slices, int epochsPerSlice, String aggregation, JobRunner runner) throws Exception {
        SisaModel model;
        try {
            model = SisaModel.create(dir, spec, config, data, shards, slices, epochsPerSlice, aggregation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot train a SISA model: " + e.getMessage(), e);
        }
        if (!json) {
            out.printf("SISA %d shards x %d slices, %d epoch(s) per slice stage, %s aggregation, %s examples%n",
                    shards, slices, epochsPerSlice, aggregation, Formats.count(data.train.size()));
            out.flush();
        }
        long start = System.nanoTime();
        // An ensemble is trained in one go: a failed or interrupted training removes what it wrote.
        try (InterruptNotice notice = InterruptNotice.onInterrupt(() -> ModelVersions.discard(dir),
                "removed the unfinished ensemble " + dir + " (an ensemble is trained in one go; run the command again)");
             Progress progress = Progress.start("shard stages", (long) shards * slices)) {
            model.trainAll(runner, progress::stepBy);
        } catch (Exception | Error e) {
            ModelVersions.discard(dir);
            throw e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = data.test.size() > 0 ? model.accuracy(data.testDataset()) : Double.NaN;
        List<Integer> sizes = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            sizes.add(model.shardMembers(s).length);
        }
        if (json) {
            JsonOutput.print(out, new SisaTrainResult(dir.toAbsolutePath().toString(), shards, slices, sizes, seconds,
                    accuracy, model.hash()));
        } else {
            out.printf("trained in %.1f s; shard sizes %s%n", seconds, sizes);
            out.printf("ensemble held-out accuracy %.2f%%%n", 100 * accuracy);
            out.printf("delete a subject:  lethe forget --model %s --subject <subject>%n", dir);
        }
        out.flush();
        return 0;
    }
}
