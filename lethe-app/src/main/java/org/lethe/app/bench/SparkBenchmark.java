package org.lethe.app.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.lethe.audit.AuditResult;
import org.lethe.audit.AuditRunner;
import org.lethe.audit.ForgetSet;
import org.lethe.data.ImageDatasets;
import org.lethe.data.Selection;
import org.lethe.exec.ClosableJobRunner;
import org.lethe.exec.JobRunner;
import org.lethe.exec.LocalJobRunner;
import org.lethe.nn.ParameterHash;
import org.lethe.store.ModelVersions;
import org.lethe.tensor.Rng;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;

/**
 * The cluster benchmark: the deletion benchmark's SISA ensemble and an audit's N reference models, trained with the
 * local runner and then on clusters of one and of two one-core workers. Each runner first trains the ensemble as its
 * very first batch (cold: a fresh cluster's executors load the data and compile the kernels during it), then runs
 * an untimed warm-up (a small ensemble and a small audit, so that every worker has loaded the data and run every
 * kind of job once), then trains the ensemble again a few times (steady state, the median is kept) and runs the
 * audit. It reports each case's wall times, the clusters' overhead against the local runner, the scaling from one
 * worker to two, cold and steady, and whether every case produced bit-identical weights. The clusters come from a
 * {@link Clusters} (the command line starts a standalone Spark cluster; tests may pass any runner), so this class
 * needs no cluster engine of its own.
 */
public final class SparkBenchmark {
    /** Opens a runner on a fresh cluster of {@code workers} one-core workers; closing it stops that cluster. */
    public interface Clusters {
        /** A runner whose jobs run on {@code workers} workers of one core each. */
        ClosableJobRunner open(int workers) throws Exception;

        /** How that cluster is reached, for the report (e.g. its master URL). */
        String describe(int workers);
    }

    /** What to train; the SISA part is the deletion benchmark's ensemble. */
    public static final class Settings {
        /** The ensemble (shards, slices, epochs per slice, batch size, learning rate, schedule, seed). */
        public DeletionBenchmark.Settings sisa = new DeletionBenchmark.Settings();
        /** {@code fashion-mnist} or {@code digits}; null: Fashion-MNIST when installed, as the deletion benchmark. */
        public String data;
        /** Reference models the audit retrains (its N). */
        public int references = 16;
        /** Epochs of the audited model and so of each reference. */
        public int referenceEpochs = 1;
        /** Fraction of training examples in the audit's forget set. */
        public double forgetFraction = 0.02;
        /** Threads of the local runner, the baseline. */
        public int localThreads = org.lethe.tensor.Parallel.threads();
        /** Steady-state trainings of the ensemble per case, after the warm-up (the median is reported). */
        public int repeats = 3;
    }

    private SparkBenchmark() {
    }

    /** Runs the benchmark in {@code work} (a scratch directory); {@code log} receives progress lines. */
    public static SparkBenchmarkResult run(Settings s, Path work, Clusters clusters, Consumer<String> log)
            throws Exception {
        String dataName = s.data != null ? s.data : ImageDatasets.fashionMnistInstalled() ? "fashion-mnist" : "digits";
        double testFraction = dataName.equals("digits") ? 0.2 : 0.0;
        DeletionBenchmark.Settings d = s.sisa;
        PreparedData data = PreparedData.prepare(dataName, testFraction, d.seed, d.subjectSize, null);
        ModelSpec spec = ModelSpec.mlp(data.trainDataset().featureCount(), d.hidden, data.trainDataset().classCount());

        // The audited model is trained once, untimed: the benchmark times its references.
        log.accept("training the audited model (untimed)");
        Path audited = work.resolve("audited");
        TrainingRun model = TrainingRun.create(audited, spec, DeletionBenchmark.config(d, s.referenceEpochs), data);
        model.train(new Trainer.Listener() { });
        List<String> forgetIds = Selection.randomFraction(data.train, s.forgetFraction, Rng.derive(d.seed, 0x5A8CL))
                .forgetIds();

        List<SparkBenchmarkResult.Case> cases = new ArrayList<>();
        log.accept("local runner (" + s.localThreads + " threads)");
        cases.add(measure("local", "local runner, " + s.localThreads + " threads", 0, 0.0,
                new LocalJobRunner(s.localThreads), s, spec, data, audited, forgetIds, work, log));
        for (int workers : new int[] {1, 2}) {
            log.accept("starting a cluster of " + workers + " one-core worker(s)");
            long start = System.nanoTime();
            try (ClosableJobRunner runner = clusters.open(workers)) {
                double startSeconds = seconds(start);
                cases.add(measure("cluster-" + workers, clusters.describe(workers), workers, startSeconds, runner, s,
                        spec, data, audited, forgetIds, work, log));
            }
        }
        return SparkBenchmarkResult.of(dataName, data.train.size(), "mlp " + data.trainDataset().featureCount() + "-"
                + d.hidden + "-" + data.trainDataset().classCount(), d.shards, d.slices, d.epochsPerSlice,
                s.references, s.referenceEpochs, forgetIds.size(), cases);
    }

    private static SparkBenchmarkResult.Case measure(String name, String where, int workers, double startSeconds,
                                                     JobRunner runner, Settings s, ModelSpec spec, PreparedData data,
                                                     Path audited, List<String> forgetIds, Path work,
                                                     Consumer<String> log) throws Exception {
        DeletionBenchmark.Settings d = s.sisa;
        log.accept("  training the SISA ensemble (" + d.shards + " shards x " + d.slices + " slices), first batch");
        long t0 = System.nanoTime();
        String sisaHash = trainEnsemble(work.resolve("sisa-" + name), runner, spec, data, d, d.shards, d.slices,
                d.epochsPerSlice);
        double coldSeconds = seconds(t0);

        // Every worker runs every kind of job once before the steady-state figures (as many jobs as the runner runs
        // at once, twice over, so that none is left out).
        int concurrent = Math.max(1, workers == 0 ? s.localThreads : workers);
        log.accept("  warm-up (untimed): a small ensemble and a small audit");
        long tw = System.nanoTime();
        trainEnsemble(work.resolve("warm-up-sisa-" + name), runner, spec, data, d, 2 * concurrent, 1, 1);
        audit(audited, forgetIds, 2 * concurrent, work.resolve("warm-up-cache-" + name), runner, s, log);
        ModelVersions.discard(work.resolve("warm-up-cache-" + name));
        double warmUpSeconds = seconds(tw);

        List<Double> sisaRuns = new ArrayList<>();
        for (int i = 0; i < s.repeats; i++) {
            log.accept("  training the SISA ensemble again (" + (i + 1) + " of " + s.repeats + ")");
            long t = System.nanoTime();
            String hash = trainEnsemble(work.resolve("sisa-" + name + "-" + i), runner, spec, data, d, d.shards,
                    d.slices, d.epochsPerSlice);
            sisaRuns.add(round(seconds(t)));
            if (!hash.equals(sisaHash)) {
                sisaHash = "differs between runs";
            }
        }

        log.accept("  auditing against " + s.references + " retrained references");
        long t1 = System.nanoTime();
        AuditResult audit = audit(audited, forgetIds, s.references, work.resolve("cache-" + name), runner, s, log);
        double auditSeconds = seconds(t1);
        String referencesHash = referencesHash(audit.document().models().reference().dirs());
        ModelVersions.discard(work.resolve("cache-" + name));
        return new SparkBenchmarkResult.Case(name, where, workers, round(startSeconds), round(coldSeconds),
                round(warmUpSeconds), sisaRuns, median(sisaRuns), sisaHash, round(auditSeconds), audit.modelsBuilt(),
                referencesHash);
    }

    /** Trains an ensemble of the benchmark's kind in {@code dir} on {@code runner}, discards it, returns its hash. */
    private static String trainEnsemble(Path dir, JobRunner runner, ModelSpec spec, PreparedData data,
                                        DeletionBenchmark.Settings d, int shards, int slices, int epochsPerSlice)
            throws Exception {
        SisaModel sisa = SisaModel.create(dir, spec, DeletionBenchmark.sisaConfig(d), data, shards, slices,
                epochsPerSlice, "mean");
        sisa.trainAll(runner, null);
        String hash = sisa.hash();
        ModelVersions.discard(dir);
        return hash;
    }

    /** Audits {@code audited} against {@code references} retrained references, in a fresh cache at {@code cache}. */
    private static AuditResult audit(Path audited, List<String> forgetIds, int references, Path cache, JobRunner runner,
                                     Settings s, Consumer<String> log) throws Exception {
        AuditRunner.Settings a = new AuditRunner.Settings();
        a.model = audited;
        a.forget = ForgetSet.Spec.ids(forgetIds);
        a.retrain = references;
        a.unlearnRuns = 0;
        a.cache = cache;
        a.runner = runner;
        a.threads = s.localThreads;
        a.log = line -> log.accept("    " + line);
        return AuditRunner.run(a);
    }

    /** The median of {@code values} (the mean of the middle two for an even count), rounded as every figure. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        int n = sorted.size();
        return round(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    /** SHA-256 over the references' parameter hashes, in the audit's order: equal exactly when all are. */
    private static String referencesHash(List<String> dirs) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String dir : dirs) {
            TrainingRun run = TrainingRun.open(Path.of(dir));
            run.loadFinalModel();
            md.update(ParameterHash.of(run.model).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
