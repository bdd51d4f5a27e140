package org.lethe.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.lethe.data.Dataset;
import org.lethe.exec.JobEnvironment;
import org.lethe.exec.JobRunner;
import org.lethe.exec.LocalJobRunner;
import org.lethe.nn.Layer;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelVersions;
import org.lethe.tensor.Parallel;
import org.lethe.tensor.Rng;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.RunDirectory;
import org.lethe.train.TrainConfig;
import org.lethe.unlearn.AuditComparison;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.ForgetProblem;
import org.lethe.unlearn.MethodSettings;
import org.lethe.unlearn.Requirement;

/**
 * Scores approximate deletion methods against retraining, all on one forget set: for every method, N unlearning
 * runs against N retrained references, with the NeurIPS 2023 forget quality F and final score, U-LiRA, the loss
 * attack, accuracies and the cost as a fraction of one retraining.
 *
 * <p><b>N originals.</b> Unlearning run k starts from its own original, trained with the forget set and seed
 * {@code seed + UNLEARNED_SEED_OFFSET + k}, and runs the method with seed {@code seed(parameter) + k}, exactly the
 * comparison models {@code lethe audit} builds for a model deleted by the method. The references are trained
 * without the forget set with seeds {@code seed + REFERENCE_SEED_OFFSET + k}. Perfect unlearning would then produce
 * models distributed like retraining across training seeds, which is what F0 assumes (two identically distributed
 * sets of models); starting every run from one original (the 2023 challenge's choice) would leave perfect
 * unlearning only the method's own randomness, and F0 would not be the score it could reach.
 *
 * <p>Methods with an in-memory algorithm ({@link DeletionMethod#approximateDeletion()}) run in memory, N at a time
 * across the job runner's threads, and only their algorithm is timed. Other approximate methods (amnesiac, which
 * needs recorded updates) are built through the audit's model cache like an audit's comparison models, and their
 * time is their deletion record's. References, originals and the retrain row come from the same cache, shared with
 * {@code lethe audit}. The time yardstick is measured in the same run: as many retrainings as the runner has
 * threads, side by side, under the same conditions as the unlearning runs.
 */
public final class UnlearningLeaderboard {
    /** The row of the originals themselves: nothing unlearned. */
    public static final String ORIGINAL = "original";
    /** The row of a second, independent set of retrained models: perfect unlearning. */
    public static final String RETRAIN = "retrain";

    /** One method to score, with its settings (missing ones default; its seed is run 0's). */
    public record Entry(DeletionMethod method, Map<String, Object> parameters) {
        /** Copies the parameters. */
        public Entry {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    /** What to score, on what. */
    public static final class Settings {
        /** The originals' data: training examples with the forget set, and the held-out split. */
        public PreparedData data;
        /** The architecture. */
        public ModelSpec spec;
        /** The training settings; their seed is the base of every model's seed. */
        public TrainConfig config;
        /** Ids of the training examples to forget. */
        public List<String> forgetIds;
        /** N. */
        public int models = 32;
        /** The methods. */
        public List<Entry> methods = new ArrayList<>();
        /** Add the original and retrain rows. */
        public boolean referenceRows = true;
        /** The model cache (shared with {@code lethe audit}). */
        public Path cache;
        /** Scratch directory for the timed retrainings (removed afterwards). */
        public Path work;
        /** Runs at once. */
        public int threads = Parallel.threads();
        /** Draws of the Gaussian F0 estimate and splits of the permutation estimate. */
        public int baselineRepeats = 20;
        /** Progress lines. */
        public Consumer<String> log = line -> { };
    }

    /** The result, and each row's confidences for export ({@code [model][forget example]}). */
    public record Outcome(LeaderboardResult result, double[][] retrainedConfidence,
                          Map<String, double[][]> unlearnedConfidence) {
    }

    private UnlearningLeaderboard() {
    }

    /** Runs the leaderboard. */
    public static Outcome run(Settings s) throws Exception {
        long start = System.nanoTime();
        if (s.models < 2) {
            throw new IllegalArgumentException("the leaderboard needs at least 2 models per method, got " + s.models);
        }
        TrainConfig config = withScheduleHorizon(s.config.copy(), s.data);
        long seed = config.seed;
        PreparedData retrained = s.data.without(s.forgetIds);
        ModelCache cache = new ModelCache(s.cache, true);
        JobRunner pool = new LocalJobRunner(s.threads);

        List<ModelRecipe> references = new ArrayList<>();
        List<ModelRecipe> originals = new ArrayList<>();
        List<ModelRecipe> retrainRow = new ArrayList<>();
        for (int k = 0; k < s.models; k++) {
            references.add(ModelRecipe.trained(s.spec, config, retrained, seed + AuditRunner.REFERENCE_SEED_OFFSET + k,
                    false));
            originals.add(ModelRecipe.trained(s.spec, config, s.data, seed + AuditRunner.UNLEARNED_SEED_OFFSET + k,
                    false));
            retrainRow.add(ModelRecipe.trained(s.spec, config, retrained, seed + AuditRunner.UNLEARNED_SEED_OFFSET + k,
                    false));
        }
        List<ModelRecipe> needed = new ArrayList<>(references);
        needed.addAll(originals);
        if (s.referenceRows) {
            needed.addAll(retrainRow);
        }
        s.log.accept("models: " + needed.size() + " references and originals (cache " + cache.dir() + ")");
        List<ModelCache.Entry> entries = ensureAll(needed, cache, true, pool, s.log);
        List<ModelCache.Entry> referenceEntries = entries.subList(0, s.models);
        List<ModelCache.Entry> originalEntries = entries.subList(s.models, 2 * s.models);

        double retrainSeconds = timeRetraining(s, config, retrained, pool);
        s.log.accept(String.format(java.util.Locale.ROOT, "one retraining: %.2f s (mean of %d, side by side)",
                retrainSeconds, s.threads));

        Dataset train = s.data.trainDataset();
        Dataset heldOut = s.data.testDataset();
        int[] forget = indices(train, s.forgetIds);
        LeaderboardSets sets = sets(s, config, train, heldOut, forget);
        JobEnvironment environment = JobEnvironment.empty().with(LeaderboardRunJob.INPUTS,
                new LeaderboardRunJob.Inputs(s.spec, config, train, forget, heldOut, sets));

        List<LeaderboardRun> referenceRuns = scoreAll(weights(referenceEntries), pool, environment);
        Yardstick yard = new Yardstick(referenceRuns, retrainSeconds);
        double[][] retrainedConfidence = confidences(referenceRuns);
        ForgetQualityBaseline.Estimate f0 = ForgetQualityBaseline.gaussian(retrainedConfidence, s.models,
                s.baselineRepeats, Rng.derive(seed, 0xF0A11L));
        s.log.accept(String.format(java.util.Locale.ROOT, "F0 (indistinguishable at N = %d): %.4f", s.models, f0.mean));

        List<LeaderboardResult.Row> rows = new ArrayList<>();
        Map<String, double[][]> exported = new LinkedHashMap<>();
        ForgetQualityBaseline.Estimate permutation = null;
        if (s.referenceRows) {
            List<LeaderboardRun> originalRuns = scoreAll(weights(originalEntries), pool, environment);
            rows.add(row(ORIGINAL, true, Map.of(), originalRuns, yard, f0.mean, 0.0, "none"));
            exported.put(ORIGINAL, confidences(originalRuns));
            List<LeaderboardRun> retrainRuns = scoreAll(weights(entries.subList(2 * s.models, 3 * s.models)), pool,
                    environment);
            rows.add(row(RETRAIN, true, Map.of(), retrainRuns, yard, f0.mean, retrainSeconds, "this run"));
            exported.put(RETRAIN, confidences(retrainRuns));
            double[][] pool2 = new double[2 * s.models][];
            System.arraycopy(retrainedConfidence, 0, pool2, 0, s.models);
            System.arraycopy(confidences(retrainRuns), 0, pool2, s.models, s.models);
            permutation = ForgetQualityBaseline.permutation(pool2, s.models, s.baselineRepeats,
                    Rng.derive(seed, 0xBE57L));
        }

        for (Entry e : s.methods) {
            String name = e.method().name();
            Map<String, Object> parameters = new LinkedHashMap<>(e.method().settings(e.parameters()).values());
            s.log.accept("method " + name + " " + parameters);
            try {
                long methodStart = System.nanoTime();
                List<LeaderboardRun> runs;
                String timeSource = "this run";
                if (e.method().approximateDeletion().isPresent()) {
                    runs = unlearnInMemory(e.method(), parameters, originalEntries, pool, environment);
                } else {
                    BuiltRuns built = unlearnThroughCache(s, e.method(), parameters, config, cache, pool, environment);
                    runs = built.runs;
                    timeSource = built.source;
                }
                LeaderboardResult.Row row = row(name, false, parameters, runs, yard, f0.mean, Double.NaN, timeSource);
                rows.add(row);
                exported.put(name, confidences(runs));
                s.log.accept(String.format(java.util.Locale.ROOT,
                        "  %s: F %.4f, final %.4f (%.2f F0), test ratio %.3f, %.3f of a retraining (%.0f s)", name,
                        row.forgetQuality(), row.finalScore(), row.finalOverF0(), row.testAccuracyRatio(),
                        row.timeFraction(), (System.nanoTime() - methodStart) / 1e9));
            } catch (Exception | LinkageError ex) {
                String why = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
                s.log.accept("  " + name + " failed: " + why);
                rows.add(LeaderboardResult.Row.failed(name, parameters, why));
            }
        }
        LeaderboardResult result = new LeaderboardResult(s.models, train.size(), forget.length, sets.evaluationCount(),
                "run k starts from its own original (trained with the forget set, seed " + seed + " + "
                        + AuditRunner.UNLEARNED_SEED_OFFSET + " + k) and unlearns with method seed + k",
                retrainSeconds, s.threads, f0.mean, f0.std, permutation == null ? null : permutation.mean,
                permutation == null ? null : permutation.std, yard.retain, yard.test, yard.lossAuc, rows,
                (System.nanoTime() - start) / 1e9);
        return new Outcome(result, retrainedConfidence, exported);
    }

    /** The schedule horizon a stored run would record, so recipes match {@code lethe audit}'s for such a run. */
    private static TrainConfig withScheduleHorizon(TrainConfig c, PreparedData data) {
        if (c.scheduleSteps == 0) {
            int perEpoch = (data.train.size() + c.batchSize - 1) / c.batchSize;
            c.scheduleSteps = c.steps > 0 ? c.steps : (long) c.epochs * perEpoch;
        }
        return c;
    }

    private static LeaderboardSets sets(Settings s, TrainConfig config, Dataset train, Dataset heldOut, int[] forget) {
        // The evaluation half is the one ForgetProblem keeps from methods; a throwaway problem names it.
        Layer probe = (Layer) s.spec.build(ModelSpec.algebra(config.algebra), 0);
        ForgetProblem p = ForgetProblem.of(probe, s.spec, config, train, forget, heldOut, 0, null);
        org.lethe.train.ClassificationTask trainTask = new org.lethe.train.ClassificationTask(train,
                s.spec.inputShape(), ModelSpec.algebra(config.algebra));
        org.lethe.train.ClassificationTask heldOutTask = new org.lethe.train.ClassificationTask(heldOut,
                s.spec.inputShape(), ModelSpec.algebra(config.algebra));
        return new LeaderboardSets(trainTask, heldOutTask, p.forget(), p.retain(), p.evaluation());
    }

    private static double timeRetraining(Settings s, TrainConfig config, PreparedData retrained, JobRunner pool)
            throws Exception {
        Path dir = s.work.resolve("timed-retraining");
        if (java.nio.file.Files.exists(dir)) {
            ModelVersions.discard(dir);
        }
        ModelCache scratch = new ModelCache(dir, false);
        List<ModelRecipe> recipes = new ArrayList<>();
        for (int k = 0; k < s.threads; k++) {
            recipes.add(ModelRecipe.trained(s.spec, config, retrained,
                    config.seed + AuditRunner.REFERENCE_SEED_OFFSET + k, false));
        }
        try {
            double sum = 0;
            for (ModelCache.Entry e : ensureAll(recipes, scratch, false, pool, line -> { })) {
                sum += e.buildSeconds;
            }
            return sum / recipes.size();
        } finally {
            ModelVersions.discard(dir);
        }
    }

    private static List<LeaderboardRun> unlearnInMemory(DeletionMethod method, Map<String, Object> parameters,
            List<ModelCache.Entry> originals, JobRunner pool, JobEnvironment environment) throws Exception {
        long baseSeed = ((Number) parameters.get(DeletionMethod.SEED)).longValue();
        List<LeaderboardRunJob> jobs = new ArrayList<>();
        for (int k = 0; k < originals.size(); k++) {
            Map<String, Object> p = new LinkedHashMap<>(parameters);
            p.put(DeletionMethod.SEED, Math.toIntExact(baseSeed + k));
            jobs.add(new LeaderboardRunJob(new RunDirectory(originals.get(k).model()).model().toString(), method.name(), p));
        }
        return pool.runAll(jobs, environment);
    }

    private record BuiltRuns(List<LeaderboardRun> runs, String source) {
    }

    private static BuiltRuns unlearnThroughCache(Settings s, DeletionMethod method, Map<String, Object> parameters,
            TrainConfig config, ModelCache cache, JobRunner pool, JobEnvironment environment) throws Exception {
        if (method.exact() || method.auditComparison() != AuditComparison.DELETED_FROM_ORIGINAL) {
            throw new IllegalArgumentException(method.name() + " is not an approximate deletion of a single model");
        }
        boolean recordUpdates = method.needs().contains(Requirement.RECORDED_UPDATES);
        MethodSettings settings = method.settings(parameters);
        List<ModelRecipe> recipes = new ArrayList<>();
        for (int k = 0; k < s.models; k++) {
            ModelRecipe base = ModelRecipe.trained(s.spec, config, s.data,
                    config.seed + AuditRunner.UNLEARNED_SEED_OFFSET + k, recordUpdates);
            recipes.add(ModelRecipe.unlearned(base, method, settings, s.forgetIds));
        }
        int builtBefore = cache.built();
        List<ModelCache.Entry> entries = ensureAll(recipes, cache, true, pool, s.log);
        boolean allBuilt = cache.built() - builtBefore >= entries.size();
        List<LeaderboardRunJob> jobs = new ArrayList<>();
        for (ModelCache.Entry e : entries) {
            jobs.add(new LeaderboardRunJob(new RunDirectory(e.model()).model().toString(), null, null));
        }
        List<LeaderboardRun> scored = pool.runAll(jobs, environment);
        List<LeaderboardRun> runs = new ArrayList<>();
        for (int k = 0; k < scored.size(); k++) {
            LeaderboardRun r = scored.get(k);
            runs.add(new LeaderboardRun(r.forgetConfidence(), r.retainAccuracy(), r.forgetAccuracy(), r.testAccuracy(),
                    r.lossAttackAuc(), deletionSeconds(entries.get(k).model())));
        }
        // The deletion record's time includes reading and writing the model; a reused entry's was measured earlier.
        return new BuiltRuns(runs, allBuilt ? "this run (deletion record)" : "cache (deletion record)");
    }

    private static double deletionSeconds(Path version) {
        try {
            return DeletionRecord.readFrom(version).wallSeconds();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static List<LeaderboardRun> scoreAll(List<String> weights, JobRunner pool, JobEnvironment environment)
            throws Exception {
        List<LeaderboardRunJob> jobs = new ArrayList<>();
        for (String w : weights) {
            jobs.add(new LeaderboardRunJob(w, null, null));
        }
        return pool.runAll(jobs, environment);
    }

    private static List<String> weights(List<ModelCache.Entry> entries) {
        List<String> out = new ArrayList<>();
        for (ModelCache.Entry e : entries) {
            out.add(new RunDirectory(e.model()).model().toString());
        }
        return out;
    }

    private static List<ModelCache.Entry> ensureAll(List<ModelRecipe> recipes, ModelCache cache, boolean prune,
                                                    JobRunner pool, Consumer<String> log) throws Exception {
        AtomicInteger done = new AtomicInteger();
        int builtBefore = cache.built();
        List<ComparisonModelJob> jobs = new ArrayList<>();
        JobEnvironment environment = JobEnvironment.empty().with(ComparisonModelJob.CACHE, cache);
        String cacheDir = cache.dir().toAbsolutePath().normalize().toString();
        for (ModelRecipe recipe : recipes) {
            ModelRecipe.Description d = recipe.describe();
            jobs.add(new ComparisonModelJob(cacheDir, prune, d));
            environment = environment.with(ComparisonModelJob.recipeKey(d.hash()), recipe);
        }
        environment = environment.withProgress(units -> {
            int n = done.addAndGet((int) units);
            if (cache.built() > builtBefore && (n % 8 == 0 || n == recipes.size())) {
                log.accept("  model " + n + " of " + recipes.size() + " ready (" + (cache.built() - builtBefore)
                        + " built)");
            }
        });
        return pool.runAll(jobs, environment);
    }

    private static int[] indices(Dataset train, List<String> ids) {
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = train.indexOf(ids.get(i));
            if (out[i] < 0) {
                throw new IllegalArgumentException("forget example " + ids.get(i) + " is not a training example");
            }
        }
        return out;
    }

    private static double[][] confidences(List<LeaderboardRun> runs) {
        double[][] out = new double[runs.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = runs.get(i).forgetConfidence();
        }
        return out;
    }

    /** The references' means, against which every row's ratios and times are read. */
    private static final class Yardstick {
        final double[][] confidence;
        final double retain;
        final double test;
        final double lossAuc;
        final double retrainSeconds;

        Yardstick(List<LeaderboardRun> references, double retrainSeconds) {
            this.confidence = confidences(references);
            this.retain = mean(references, LeaderboardRun::retainAccuracy);
            this.test = mean(references, LeaderboardRun::testAccuracy);
            this.lossAuc = mean(references, LeaderboardRun::lossAttackAuc);
            this.retrainSeconds = retrainSeconds;
        }
    }

    private static LeaderboardResult.Row row(String method, boolean reference, Map<String, Object> parameters,
            List<LeaderboardRun> runs, Yardstick yard, double f0, double fixedSeconds, String timeSource) {
        double[][] u = confidences(runs);
        ForgetQualityResult fq = ForgetQuality.score(u, yard.confidence);
        double retain = mean(runs, LeaderboardRun::retainAccuracy);
        double test = mean(runs, LeaderboardRun::testAccuracy);
        double f = fq.forgetQuality();
        double finalScore = ForgetQuality.finalScore(f, retain, yard.retain, test, yard.test);
        double uLira = UnlearningLira.leaveOneOut(u, yard.confidence, Lira.DEFAULT_MIN_STD).auc();
        int atCap = 0;
        for (double eps : fq.epsilons()) {
            if (eps >= ForgetQuality.EPSILON_CAP) {
                atCap++;
            }
        }
        double shift = 0;
        for (int e = 0; e < u[0].length; e++) {
            shift += AuditRunner.mean(UnlearningLira.column(u, e)) - AuditRunner.mean(UnlearningLira.column(yard.confidence, e));
        }
        shift /= u[0].length;
        double seconds = Double.isNaN(fixedSeconds) ? mean(runs, LeaderboardRun::seconds) : fixedSeconds;
        return new LeaderboardResult.Row(method, reference, parameters, f, finalScore, finalScore / f0,
                retain / yard.retain, test / yard.test, uLira, mean(runs, LeaderboardRun::lossAttackAuc), retain,
                mean(runs, LeaderboardRun::forgetAccuracy), test, shift, atCap, seconds,
                seconds / yard.retrainSeconds, timeSource, null);
    }

    private static double mean(List<LeaderboardRun> runs, java.util.function.ToDoubleFunction<LeaderboardRun> f) {
        double sum = 0;
        for (LeaderboardRun r : runs) {
            sum += f.applyAsDouble(r);
        }
        return sum / runs.size();
    }
}
