package org.lethe.audit;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.lethe.exec.LocalJobRunner;
import org.lethe.io.JsonFiles;
import org.lethe.store.ModelKind;
import org.lethe.store.ModelVersions;
import org.lethe.train.RunDirectory;
import org.lethe.train.SisaModel;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.MethodContext;
import org.lethe.unlearn.Requirement;

/**
 * The models an audit trains, kept in a directory so that the next audit of the same kind reuses them:
 * {@code <cache>/<sha256 of the recipe key>/model} holds the run, ensemble or deletion version, and {@code key.json}
 * beside it the key and how long building it took. Entries are built in a hidden staging directory and renamed into
 * place when complete, so an interrupted audit leaves no half-trained entry. Safe for concurrent use by the threads
 * of one audit; an entry that another process publishes first is used instead of the local copy.
 */
final class ModelCache {
    static final String MODEL = "model";
    static final String KEY = "key.json";

    /**
     * A model in the cache, what it cost, and what making sure of it did: the models built (it, and its base when
     * that was missing too) and found already built. A value that may come back from another process, so the
     * directory is kept as text.
     */
    static final class Entry implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String model;
        final double buildSeconds;
        final boolean built;
        final int modelsBuilt;
        final int modelsReused;

        Entry(Path model, double buildSeconds, boolean built, int modelsBuilt, int modelsReused) {
            this.model = model.toString();
            this.buildSeconds = buildSeconds;
            this.built = built;
            this.modelsBuilt = modelsBuilt;
            this.modelsReused = modelsReused;
        }

        /** The model's directory. */
        Path model() {
            return Path.of(model);
        }
    }

    private final Path dir;
    private final AtomicInteger built = new AtomicInteger();
    private final AtomicInteger reused = new AtomicInteger();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private final boolean pruneRecordedUpdates;

    /**
     * @param pruneRecordedUpdates delete a base model's recorded updates once its amnesiac deletion is built (they
     *                             take one model's worth of disk per training step); a later amnesiac deletion of
     *                             that base then retrains it
     */
    ModelCache(Path dir, boolean pruneRecordedUpdates) {
        this.dir = dir;
        this.pruneRecordedUpdates = pruneRecordedUpdates;
    }

    Path dir() {
        return dir;
    }

    /** Models built (trained, or a deletion applied) by this cache object. */
    int built() {
        return built.get();
    }

    /** Models found already built. */
    int reused() {
        return reused.get();
    }

    /** The model of {@code recipe}, building it (and its base) first when the cache does not hold it. */
    Entry ensure(ModelRecipe recipe) throws Exception {
        int[] tally = new int[2];
        Entry e = ensure(recipe, tally);
        return new Entry(e.model(), e.buildSeconds, e.built, tally[0], tally[1]);
    }

    // tally[0] counts the models built, tally[1] those found built, over this call and its bases'.
    private Entry ensure(ModelRecipe recipe, int[] tally) throws Exception {
        String hash = recipe.hash();
        Path entry = dir.resolve(hash.substring(0, 32));
        synchronized (locks.computeIfAbsent(hash, k -> new Object())) {
            if (Files.isDirectory(entry.resolve(MODEL))) {
                reused.incrementAndGet();
                tally[1]++;
                return new Entry(entry.resolve(MODEL), buildSeconds(entry), false, 0, 0);
            }
            if (Files.exists(entry)) {
                // Entries are published whole; a directory without its model was left by hand or by a crash.
                ModelVersions.discard(entry);
            }
            Files.createDirectories(dir);
            Path staging = ModelVersions.staging(entry);
            try {
                long start = System.nanoTime();
                build(recipe, staging.resolve(MODEL), tally);
                double seconds = (System.nanoTime() - start) / 1e9;
                JsonFiles.write(staging.resolve(KEY), new CacheEntryInfo(hash, seconds, recipe.key()));
                try {
                    ModelVersions.publish(staging, entry);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                    ModelVersions.discard(staging);
                    reused.incrementAndGet();
                    tally[1]++;
                    return new Entry(entry.resolve(MODEL), buildSeconds(entry), false, 0, 0);
                }
                built.incrementAndGet();
                tally[0]++;
                return new Entry(entry.resolve(MODEL), seconds, true, 0, 0);
            } catch (Exception e) {
                ModelVersions.discard(staging);
                throw e;
            }
        }
    }

    private void build(ModelRecipe r, Path target, int[] tally) throws Exception {
        if (r.base != null) {
            Path base = ensure(r.base, tally).model();
            boolean needsUpdates = r.unlearnMethod.needs().contains(Requirement.RECORDED_UPDATES);
            if (needsUpdates && !Files.isDirectory(new RunDirectory(base).updates())) {
                // Pruned after an earlier deletion: the base must be trained again to record its updates.
                ModelVersions.discard(base.getParent());
                base = ensure(r.base, tally).model();
            }
            // The audit already runs one model per core; shards of one ensemble train one after another.
            r.unlearnMethod.unlearner(r.unlearnSettings, new MethodContext(new LocalJobRunner(1), null))
                    .forget(base, DeletionRequest.ofIds(r.forgetIds), target);
            if (needsUpdates && pruneRecordedUpdates) {
                ModelVersions.discard(new RunDirectory(base).updates());
            }
            return;
        }
        if (r.kind == ModelKind.SISA) {
            SisaModel m = SisaModel.create(target, r.spec, r.config.copy(), r.data, r.shards, r.slices,
                    r.epochsPerSlice, r.aggregation);
            m.trainAll(new LocalJobRunner(1), null);
            return;
        }
        TrainingRun run = TrainingRun.create(target, r.spec, r.config.copy(), r.data);
        if (pruneRecordedUpdates) {
            // Its updates live only until the amnesiac deletion made right after it: writing them is enough.
            run.withUnforcedUpdates();
        }
        run.train(new Trainer.Listener() { });
    }

    private static double buildSeconds(Path entry) {
        try {
            return JsonFiles.read(entry.resolve(KEY), CacheEntryInfo.class, false).buildSeconds();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
