package org.lethe.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lethe.data.Dataset;
import org.lethe.data.ImageDatasets;
import org.lethe.exec.LocalJobRunner;
import org.lethe.nn.Layer;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelVersions;
import org.lethe.tensor.Rng;
import org.lethe.train.Evaluation;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.ReplayRecomputed;
import org.lethe.unlearn.ReplayUnlearner;
import org.lethe.unlearn.SisaRecomputed;
import org.lethe.unlearn.SisaUnlearner;

/**
 * The exact-deletion benchmark: a monolithic MLP against a SISA ensemble of the same MLP on the same data, then
 * the wall time to delete the data of 1, 10 and 100 random subjects with SISA, with replay and by full
 * retraining, and a bit-for-bit check that the SISA deletion equals SISA training from scratch without the data.
 */
public final class DeletionBenchmark {
    /** Settings, with the benchmark's defaults. */
    public static final class Settings {
        public int shards = 8;
        public int slices = 4;
        public int epochsPerSlice = 2;
        public int monolithicEpochs = 6;
        public int hidden = 256;
        public int batchSize = 128;
        public int sisaBatchSize = 64;
        public double sisaLearningRate = 0.01;
        /** The shard models' schedule; it restarts in every stage and decays over that stage's steps. */
        public String sisaSchedule = "linear";
        public String optimizer = "adam";
        /** Single-subject SISA deletions averaged for the headline speedup (the cost depends on the subject's slice). */
        public int singleSubjectRepeats = 40;
        public double learningRate = 0.001;
        public int subjectSize = 10;
        public int checkpointEvery = 20;
        public int[] deletionSizes = {1, 10, 100};
        public long seed = 0;
        public int threads = org.lethe.tensor.Parallel.threads();
    }

    private DeletionBenchmark() {
    }

    /** Runs the benchmark in {@code work} (a scratch directory); {@code log} receives progress lines. */
    public static DeletionBenchmarkResult run(Settings s, Path work, Consumer<String> log) throws Exception {
        boolean fashion = ImageDatasets.fashionMnistInstalled();
        PreparedData data;
        Dataset test;
        if (fashion) {
            data = PreparedData.prepare("fashion-mnist", 0.0, s.seed, s.subjectSize, null);
            test = ImageDatasets.fashionMnist(false);
        } else {
            data = PreparedData.prepare("digits", 0.2, s.seed, s.subjectSize, null);
            test = data.testDataset();
        }
        ModelSpec spec = ModelSpec.mlp(784, s.hidden, 10);
        LocalJobRunner runner = new LocalJobRunner(s.threads);

        // Order matters on a shared machine: the monolithic run, replay and the retrain method write hundreds of
        // megabytes of replay checkpoints that the kernel flushes to disk for tens of seconds afterwards. Everything
        // timed for the headline (SISA deletions and the bare retrain they are compared with) runs before any of it.
        log.accept("training the SISA ensemble (" + s.shards + " shards x " + s.slices + " slices)");
        long t0 = System.nanoTime();
        SisaModel sisa = SisaModel.create(work.resolve("sisa"), spec, sisaConfig(s), data, s.shards, s.slices,
                s.epochsPerSlice, "mean");
        sisa.trainAll(runner, null);
        double sisaSeconds = seconds(t0);
        double sisaAccuracy = sisa.accuracy(test);

        List<String> subjects = new ArrayList<>(data.train.distinctSubjects());
        Rng rng = new Rng(Rng.derive(s.seed, 77));
        // One untimed deletion first, so that timings reflect a warm service rather than class loading and JIT.
        log.accept("warming up with one untimed SISA deletion");
        new SisaUnlearner(runner).forget(sisa.dir, DeletionRequest.ofSubjects(pick(subjects, 1, rng)), work.resolve("warm-up"));
        ModelVersions.discard(work.resolve("warm-up"));
        // Requests are drawn up front, in a fixed order, so that the retrain timed before the deletions can
        // leave out the same subject as the first single-subject deletion.
        Map<Integer, DeletionRequest> requests = new LinkedHashMap<>();
        List<DeletionRequest> moreSingles = new ArrayList<>();
        for (int k : s.deletionSizes) {
            requests.put(k, DeletionRequest.ofSubjects(pick(subjects, k, rng)));
            if (k == 1) {
                for (int r = 1; r < s.singleSubjectRepeats; r++) {
                    moreSingles.add(DeletionRequest.ofSubjects(pick(subjects, 1, rng)));
                }
            }
        }
        List<Double> bareRetrainSeconds = new ArrayList<>();
        List<String> firstSingleIds = List.of();
        PreparedData withoutFirstSingle = null;
        if (requests.containsKey(1)) {
            firstSingleIds = subjectIds(data, requests.get(1).subjects());
            withoutFirstSingle = data.without(firstSingleIds);
            // One untimed epoch first: the SISA runs above compiled the kernels for their batch size, not for the
            // monolithic model's, and that warm-up must not count against retraining.
            log.accept("warming up the monolithic training (one untimed epoch)");
            trainMonolithic(spec, config(s, 1), data, work.resolve("warm-up-monolithic"));
            log.accept("retraining the monolithic model from scratch without checkpoints");
            bareRetrainSeconds.add(trainMonolithic(spec, config(s, s.monolithicEpochs), withoutFirstSingle,
                    work.resolve("bare-retrain")));
        }
        Map<Integer, DeletionRecord> sisaRecords = new LinkedHashMap<>();
        List<Double> singles = new ArrayList<>();
        List<Integer> singleSlices = new ArrayList<>();
        for (int k : s.deletionSizes) {
            DeletionRequest request = requests.get(k);
            log.accept("deleting " + k + " subject(s) with SISA");
            DeletionRecord viaSisa = new SisaUnlearner(runner).forget(sisa.dir, request, work.resolve("sisa-minus-" + k));
            sisaRecords.put(k, viaSisa);
            if (k == 1) {
                singles.add(viaSisa.wallSeconds());
                singleSlices.add(firstSlice(viaSisa));
                for (int r = 0; r < moreSingles.size(); r++) {
                    log.accept("deleting another single subject with SISA (" + (r + 2) + " of " + s.singleSubjectRepeats + ")");
                    Path dir = work.resolve("sisa-single-" + r);
                    DeletionRecord record = new SisaUnlearner(runner).forget(sisa.dir, moreSingles.get(r), dir);
                    singles.add(record.wallSeconds());
                    singleSlices.add(firstSlice(record));
                    ModelVersions.discard(dir);
                }
            }
        }
        DeletionRecord single = sisaRecords.get(1);
        double bareSeconds = Double.NaN;
        Boolean exact = null;
        if (single != null) {
            // The headline compares with the cheapest honest retraining: the monolithic model trained from
            // scratch on the remaining data with no periodic checkpoints (the retrain method below also writes
            // the checkpoints that replay needs later, which costs disk time). It is timed once before and once
            // after the SISA deletions, so that a slow or fast spell of a shared machine weighs on both sides.
            if (!new java.util.HashSet<>(single.removedIds()).equals(new java.util.HashSet<>(firstSingleIds))) {
                throw new IllegalStateException("the retrains and the SISA deletion removed different examples");
            }
            PreparedData remaining = withoutFirstSingle;
            log.accept("retraining the monolithic model from scratch without checkpoints");
            bareRetrainSeconds.add(trainMonolithic(spec, config(s, s.monolithicEpochs), remaining, work.resolve("bare-retrain")));
            bareSeconds = mean(bareRetrainSeconds);
            log.accept("checking the SISA deletion against SISA training from scratch");
            SisaModel scratch = SisaModel.create(work.resolve("sisa-scratch"), spec, sisaConfig(s),
                    remaining, s.shards, s.slices, s.epochsPerSlice, "mean");
            scratch.trainAll(runner, null);
            exact = scratch.hash().equals(single.hashAfter());
            ModelVersions.discard(work.resolve("sisa-scratch"));
        }

        log.accept("training the monolithic model (" + s.monolithicEpochs + " epochs, with replay checkpoints)");
        TrainConfig mono = config(s, s.monolithicEpochs);
        mono.checkpointEvery = s.checkpointEvery;
        t0 = System.nanoTime();
        TrainingRun run = TrainingRun.create(work.resolve("mono"), spec, mono, data);
        run.train(new Trainer.Listener() { });
        double monoSeconds = seconds(t0);
        double monoAccuracy = Evaluation.classifier((Layer) run.model, test, null, run.algebra).get("accuracy");

        // Keyed by size, in the order of the sizes, as the SISA deletions above were.
        Map<Integer, DeletionBenchmarkResult.Deletion> rows = new LinkedHashMap<>();
        OneSubject one = OneSubject.NONE;
        for (int k : s.deletionSizes) {
            DeletionRequest request = requests.get(k);
            DeletionRecord viaSisa = sisaRecords.get(k);
            log.accept("deleting " + k + " subject(s) by replay");
            DeletionRecord viaReplay = new ReplayUnlearner(false, null).forget(run.dir.root(), request, work.resolve("replay-minus-" + k));
            log.accept("deleting " + k + " subject(s) by full retraining");
            DeletionRecord viaRetrain = new ReplayUnlearner(true, null).forget(run.dir.root(), request, work.resolve("retrain-minus-" + k));
            rows.put(k, new DeletionBenchmarkResult.Deletion(k, viaSisa.removedIds().size(),
                    round(viaSisa.wallSeconds()), SisaRecomputed.of(viaSisa).shards().size(),
                    round(viaReplay.wallSeconds()),
                    ReplayRecomputed.of(viaReplay).restoredAfterStep(),
                    round(viaRetrain.wallSeconds()), viaReplay.hashAfter().equals(viaRetrain.hashAfter()),
                    round(viaRetrain.wallSeconds() / viaSisa.wallSeconds())));
            if (k == 1) {
                double mean = mean(singles);
                // The cost of a deletion depends on the slice that held the subject (1: all stages retrained).
                one = new OneSubject(rounded(singles), round(mean), List.copyOf(singleSlices),
                        round(viaRetrain.wallSeconds()), round(viaRetrain.wallSeconds() / mean), round(bareSeconds),
                        rounded(bareRetrainSeconds), round(bareSeconds / mean), exact);
            }
            for (String dir : new String[] {"sisa-minus-", "replay-minus-", "retrain-minus-"}) {
                ModelVersions.discard(work.resolve(dir + k));
            }
        }
        return new DeletionBenchmarkResult(fashion ? "fashion-mnist" : "digits", data.train.size(),
                data.train.distinctSubjects().size(), "mlp 784-" + s.hidden + "-10", s.shards, s.slices,
                s.epochsPerSlice, s.batchSize, s.sisaBatchSize, s.learningRate, s.sisaLearningRate,
                s.sisaSchedule + ", restarted in every stage", s.optimizer, s.monolithicEpochs, round(monoSeconds),
                round(monoAccuracy), round(sisaSeconds), round(sisaAccuracy), round(100 * (monoAccuracy - sisaAccuracy)),
                one.sisaEach(), one.sisaMean(), one.slices(), one.retrain(), one.speedupOverRetrain(), one.bareMean(),
                one.bareEach(), one.speedup(), one.exact(), new ArrayList<>(rows.values()));
    }

    // The single-subject figures, rounded, in the result's order; all null (left out of the JSON) when the sizes
    // do not include 1.
    private record OneSubject(List<Double> sisaEach, Double sisaMean, List<Integer> slices, Double retrain,
                              Double speedupOverRetrain, Double bareMean, List<Double> bareEach, Double speedup,
                              Boolean exact) {
        static final OneSubject NONE = new OneSubject(null, null, null, null, null, null, null, null, null);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static List<Double> rounded(List<Double> values) {
        return values.stream().map(DeletionBenchmark::round).toList();
    }

    private static int firstSlice(DeletionRecord record) {
        return SisaRecomputed.of(record).firstRetrainedSlice().values().iterator().next();
    }

    // Trains a monolithic model from scratch in a scratch directory, removed afterwards; returns the seconds taken.
    private static double trainMonolithic(ModelSpec spec, TrainConfig config, PreparedData data, Path dir) throws Exception {
        long start = System.nanoTime();
        TrainingRun run = TrainingRun.create(dir, spec, config, data);
        run.train(new Trainer.Listener() { });
        double seconds = seconds(start);
        ModelVersions.discard(dir);
        return seconds;
    }

    private static List<String> subjectIds(PreparedData data, java.util.Collection<String> subjects) {
        java.util.Set<String> wanted = new java.util.HashSet<>(subjects);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < data.train.size(); i++) {
            if (wanted.contains(data.train.subject(i))) {
                ids.add(data.train.id(i));
            }
        }
        return ids;
    }

    static TrainConfig config(Settings s, int epochs) {
        TrainConfig c = new TrainConfig();
        c.epochs = epochs;
        c.batchSize = s.batchSize;
        c.learningRate = s.learningRate;
        c.momentum = 0.9;
        c.optimizer = s.optimizer;
        c.seed = s.seed;
        return c;
    }

    /** The shard models' training configuration (also what {@code lethe bench spark} trains). */
    static TrainConfig sisaConfig(Settings s) {
        TrainConfig c = config(s, 1);
        c.batchSize = s.sisaBatchSize;
        c.learningRate = s.sisaLearningRate;
        c.schedule = s.sisaSchedule;
        return c;
    }

    private static List<String> pick(List<String> subjects, int k, Rng rng) {
        if (k > subjects.size()) {
            throw new IllegalArgumentException("cannot pick " + k + " of " + subjects.size() + " subjects");
        }
        List<String> pool = new ArrayList<>(subjects);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(pool.remove(rng.nextInt(pool.size())));
        }
        return out;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /** Deletes the scratch directory. */
    public static void cleanUp(Path work) throws IOException {
        if (Files.exists(work)) {
            ModelVersions.discard(work);
        }
    }
}
