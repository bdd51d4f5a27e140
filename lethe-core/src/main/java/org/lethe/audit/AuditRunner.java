package org.lethe.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.lethe.exec.JobEnvironment;
import org.lethe.exec.JobRunner;
import org.lethe.exec.LocalJobRunner;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelKind;
import org.lethe.tensor.Parallel;
import org.lethe.unlearn.AuditComparison;
import org.lethe.unlearn.Requirement;

/**
 * Runs an audit of a classifier made by {@code lethe train} (a run directory) or a SISA ensemble: does it still
 * remember a forget set?
 *
 * <p>Inputs: the model; the forget set (subjects, ids or classes, or the model's own deletion record); reference
 * models, either given or N models retrained without the forget set; and N "unlearned" comparison models for the
 * forget-quality score. Comparison models are trained in parallel (one per core) and cached (see
 * {@link ModelCache}), so a second audit of the same kind trains nothing. Their seeds are the audited model's seed
 * plus {@link #REFERENCE_SEED_OFFSET} + k for reference k and plus {@link #UNLEARNED_SEED_OFFSET} + k for unlearned
 * model k: every model has its own seed, and the two sets never share one. All other settings (architecture,
 * optimiser, batch size, epochs, the schedule's horizon, SISA layout) are the audited model's.
 *
 * <p>What the N unlearned models are depends on how the audited model was made (the {@code method}):
 * <ul>
 *   <li>{@code original} (the model trained on the forget set; nothing was unlearned): N originals, trained with
 *       the forget set, other seeds;</li>
 *   <li>{@code retrain} and {@code replay}: N models retrained from scratch without the forget set, other seeds than
 *       the references (a second, independent set; replay yields exactly the retrained model of its seed);</li>
 *   <li>{@code sisa}: N SISA ensembles trained with the forget set, other seeds, each then with the forget set deleted
 *       by the SISA deletion;</li>
 *   <li>{@code amnesiac}: N models trained with the forget set while recording their updates, other seeds, each then
 *       with the forget set deleted by amnesiac unlearning with the audited deletion's fine-tune steps.</li>
 * </ul>
 *
 * <p>Measures: utility (accuracy on retain, forget and held-out sets, per class; agreement and KL divergence with the
 * references), the loss-threshold membership attack on forget against held-out examples for the audited model and
 * for every reference, U-LiRA between unlearned and retrained models, the forget quality F with its final score and
 * the F that indistinguishable models would get, a verdict in words, and wall time. {@link AuditExtension}s add
 * sections.
 */
public final class AuditRunner {
    /** Reference k trains with the audited model's seed plus this plus k. */
    public static final long REFERENCE_SEED_OFFSET = 1_000_000L;
    /** Unlearned comparison model k trains with the audited model's seed plus this plus k. */
    public static final long UNLEARNED_SEED_OFFSET = 2_000_000L;
    /** Name of the cache directory made next to the audited model when none is given. */
    public static final String DEFAULT_CACHE_NAME = "lethe-audit-cache";

    /** What to audit and how. */
    public static final class Settings {
        /** The model directory (run or SISA ensemble). */
        public Path model;
        /** The forget set; by default the model's deletion record. */
        public ForgetSet.Spec forget = ForgetSet.Spec.fromDeletionRecord();
        /** Reference models given by the user; when empty, {@link #retrain} are trained. */
        public List<Path> references = new ArrayList<>();
        /** How many references to retrain when none are given. */
        public int retrain = 8;
        /** How many unlearned comparison models; negative means as many as references, 0 skips F and U-LiRA. */
        public int unlearnRuns = -1;
        /** Cache directory; null means {@link #DEFAULT_CACHE_NAME} next to the model. */
        public Path cache;
        /** Models trained or evaluated at once. */
        public int threads = Parallel.threads();
        /** At most this many forget examples are scored by the per-example measures (a seeded sample beyond). */
        public int maxScoredExamples = 500;
        /** Draws of the Gaussian estimate of the F of indistinguishable models. */
        public int baselineRepeats = 3;
        /**
         * Delete the recorded per-step updates of the models an amnesiac audit trains, once their deletion is made
         * (they take one model's worth of disk per step); a later amnesiac audit that needs them retrains them.
         */
        public boolean pruneRecordedUpdates = false;
        /** Receives progress lines. */
        public Consumer<String> log = line -> { };
        /** Further measures. */
        public List<AuditExtension> extensions = new ArrayList<>();
    }

    private AuditRunner() {
    }

    /** The cache directory used for {@code model} when none is given. */
    public static Path defaultCache(Path model) {
        Path abs = model.toAbsolutePath().normalize();
        Path parent = abs.getParent() == null ? abs : abs.getParent();
        return parent.resolve(DEFAULT_CACHE_NAME);
    }

    /** Runs the audit. */
    public static AuditResult run(Settings s) throws Exception {
        long start = System.nanoTime();
        if (s.model == null) {
            throw new IllegalArgumentException("an audit needs a model");
        }
        if (s.references.isEmpty() && s.retrain < 1) {
            throw new IllegalArgumentException("an audit needs reference models: give some or retrain at least one, got "
                    + s.retrain);
        }
        StoredClassifier model = StoredClassifier.open(s.model);
        ForgetSet forget = ForgetSet.resolve(s.forget, model);
        Counterfactual cf = Counterfactual.of(model, forget);
        AuditSets sets = AuditSets.of(model.allExamples(), cf.retrained, forget, s.maxScoredExamples, model.config.seed);
        ModelCache cache = new ModelCache(s.cache != null ? s.cache : defaultCache(s.model), s.pruneRecordedUpdates);
        JobRunner pool = new LocalJobRunner(s.threads);
        boolean given = !s.references.isEmpty();
        int numReferences = given ? s.references.size() : s.retrain;
        int numUnlearned = s.unlearnRuns >= 0 ? s.unlearnRuns : numReferences;
        s.log.accept("forget set: " + forget.description() + "; method " + cf.method);

        List<ModelRecipe> recipes = new ArrayList<>();
        List<Long> referenceSeeds = new ArrayList<>();
        if (!given) {
            for (int k = 0; k < numReferences; k++) {
                long seed = model.config.seed + REFERENCE_SEED_OFFSET + k;
                referenceSeeds.add(seed);
                recipes.add(ModelRecipe.trained(model, cf.retrained, seed, false));
            }
        }
        List<Long> unlearnedSeeds = new ArrayList<>();
        for (int k = 0; k < numUnlearned; k++) {
            long seed = model.config.seed + UNLEARNED_SEED_OFFSET + k;
            unlearnedSeeds.add(seed);
            recipes.add(unlearnedRecipe(model, cf, forget, seed));
        }
        s.log.accept("comparison models: " + recipes.size() + " (cache " + cache.dir() + ")");
        List<ModelCache.Entry> entries = ensureAll(recipes, cache, pool, s.log);
        List<Path> referenceDirs = new ArrayList<>(s.references);
        List<Path> unlearnedDirs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            (i < (given ? 0 : numReferences) ? referenceDirs : unlearnedDirs).add(entries.get(i).model);
        }

        s.log.accept("evaluating " + (1 + referenceDirs.size() + unlearnedDirs.size()) + " models");
        ModelOutputs audited = ModelOutputs.of(model, sets, null, true);
        JobEnvironment shared = JobEnvironment.empty().with(ModelOutputsJob.SETS, sets)
                .with(ModelOutputsJob.AUDITED, audited).with(ModelOutputsJob.FORGET, forget);
        List<ModelOutputs> references = evaluateAll(referenceDirs, true, given, shared, pool);
        List<ModelOutputs> unlearned = evaluateAll(unlearnedDirs, false, false, shared, pool);

        AuditResult r = new AuditResult();
        Map<String, Object> doc = r.document;
        doc.put("format", "lethe.audit.v1");
        doc.put("model", s.model.toString());
        doc.put("model_kind", model.kind.name().toLowerCase(java.util.Locale.ROOT));
        doc.put("method", cf.method);
        Map<String, Object> forgetDoc = new LinkedHashMap<>();
        forgetDoc.put("description", forget.description());
        forgetDoc.put("source", forget.source());
        forgetDoc.put("examples", forget.size());
        forgetDoc.put("examples_scored", sets.scored.length);
        forgetDoc.put("non_members", sets.nonMembers.length);
        forgetDoc.put("ids", forget.ids());
        doc.put("forget", forgetDoc);
        doc.put("models", modelsSection(model, cf, given, referenceDirs, referenceSeeds, unlearnedDirs, unlearnedSeeds,
                entries, cache, numReferences));
        doc.put("utility", utility(r, audited, references, unlearned, sets));
        doc.put("membership_inference", membership(r, audited, references, unlearned, sets));
        doc.put("forget_quality", forgetQuality(r, s, sets, audited, references, unlearned, model.config.seed));
        for (String name : AuditExtension.OPTIONAL_SECTIONS) {
            doc.put(name, null);
        }
        r.meanDeletionSeconds = meanDeletionSeconds(cf, entries.subList(given ? 0 : numReferences, entries.size()));
        if (!s.extensions.isEmpty()) {
            AuditContext ctx = new AuditContext(model, sets, forget, referenceDirs, unlearnedDirs, model.config.seed);
            for (AuditExtension e : s.extensions) {
                s.log.accept("measuring " + e.title());
                doc.put(e.name(), e.measure(ctx));
            }
        }
        r.verdict = AuditVerdict.write(verdictInputs(r, cf.method, forget, sets, audited, references, unlearned));
        doc.put("verdict", r.verdict);
        r.modelsBuilt = cache.built();
        r.modelsReused = cache.reused();
        r.wallSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("wall_seconds", r.wallSeconds);
        timing.put("models_built", r.modelsBuilt);
        timing.put("models_from_cache", r.modelsReused);
        timing.put("mean_deletion_seconds", finite(r.meanDeletionSeconds));
        Object own = model.deletionRecord() == null ? null : model.deletionRecord().wallSeconds();
        timing.put("audited_deletion_seconds", own);
        doc.put("timing", timing);
        return r;
    }

    private static ModelRecipe unlearnedRecipe(StoredClassifier model, Counterfactual cf, ForgetSet forget, long seed) {
        if (cf.deletion == null) {
            return ModelRecipe.trained(model, cf.original, seed, model.config.recordUpdates);
        }
        switch (cf.deletion.auditComparison()) {
            case RETRAINED_FROM_SCRATCH:
                return ModelRecipe.trained(model, cf.retrained, seed, false);
            case DELETED_FROM_ORIGINAL:
                boolean recordUpdates = cf.deletion.needs().contains(Requirement.RECORDED_UPDATES);
                return ModelRecipe.unlearned(ModelRecipe.trained(model, cf.original, seed, recordUpdates), cf.deletion,
                        cf.settings, forget.ids());
            default:
                throw new IllegalStateException("unknown comparison " + cf.deletion.auditComparison());
        }
    }

    private static List<ModelCache.Entry> ensureAll(List<ModelRecipe> recipes, ModelCache cache, JobRunner pool,
                                                    Consumer<String> log) throws Exception {
        AtomicInteger done = new AtomicInteger();
        List<ComparisonModelJob> jobs = new ArrayList<>();
        for (ModelRecipe recipe : recipes) {
            jobs.add(new ComparisonModelJob(cache.dir(), recipe));
        }
        JobEnvironment environment = JobEnvironment.empty().with(ComparisonModelJob.CACHE, cache).withProgress(units ->
                log.accept("model " + done.addAndGet((int) units) + " of " + recipes.size() + " ready ("
                        + cache.built() + " built, " + cache.reused() + " from cache)"));
        return pool.runAll(jobs, environment);
    }

    private static List<ModelOutputs> evaluateAll(List<Path> dirs, boolean references, boolean checkForgetUnseen,
                                                  JobEnvironment environment, JobRunner pool) throws Exception {
        List<ModelOutputsJob> jobs = new ArrayList<>();
        for (Path dir : dirs) {
            jobs.add(new ModelOutputsJob(dir, references, checkForgetUnseen));
        }
        return pool.runAll(jobs, environment);
    }

    private static Map<String, Object> modelsSection(StoredClassifier model, Counterfactual cf, boolean given,
            List<Path> referenceDirs, List<Long> referenceSeeds, List<Path> unlearnedDirs, List<Long> unlearnedSeeds,
            List<ModelCache.Entry> entries, ModelCache cache, int numReferences) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("source", given ? "given" : "retrained");
        ref.put("count", referenceDirs.size());
        String kind = model.kind.plural();
        ref.put("description", given ? referenceDirs.size() + " reference model(s) given for the audit"
                : numReferences + " " + kind + " trained from scratch without the forget set, with the audited "
                + "model's architecture and settings and seeds " + rangeOf(referenceSeeds));
        ref.put("seeds", referenceSeeds);
        ref.put("dirs", strings(referenceDirs));
        m.put("reference", ref);
        Map<String, Object> unl = new LinkedHashMap<>();
        unl.put("count", unlearnedDirs.size());
        unl.put("description", unlearnedDirs.isEmpty() ? "none (forget quality not measured)"
                : cf.unlearnedDescription(unlearnedDirs.size(), model.kind) + "; seeds " + rangeOf(unlearnedSeeds));
        unl.put("seeds", unlearnedSeeds);
        unl.put("dirs", strings(unlearnedDirs));
        m.put("unlearned", unl);
        m.put("cache", cache.dir().toString());
        return m;
    }

    private static Map<String, Object> utility(AuditResult r, ModelOutputs audited, List<ModelOutputs> references,
                                               List<ModelOutputs> unlearned, AuditSets sets) {
        r.modelRetain = audited.retain;
        r.modelForget = audited.forget;
        r.modelHeldOut = audited.heldOut;
        int classes = sets.all.classCount();
        r.retrainedHeldOutPerClass = meanPerClass(references, classes, true);
        r.retrainedForgetPerClass = meanPerClass(references, classes, false);
        Map<String, Object> u = new LinkedHashMap<>();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("retain", audited.retain.toMap());
        model.put("forget", audited.forget.toMap());
        model.put("held_out", audited.heldOut.toMap());
        u.put("model", model);
        u.put("retrained_mean_accuracy", meanAccuracies(references));
        u.put("unlearned_mean_accuracy", unlearned.isEmpty() ? null : meanAccuracies(unlearned));
        Map<String, Object> perClass = new LinkedHashMap<>();
        perClass.put("held_out", nullable(r.retrainedHeldOutPerClass));
        perClass.put("forget", nullable(r.retrainedForgetPerClass));
        u.put("retrained_mean_per_class", perClass);
        u.put("agreement_with_retrained", meanOfMaps(references, true));
        u.put("kl_retrained_to_model", meanOfMaps(references, false));
        return u;
    }

    private static Map<String, Object> membership(AuditResult r, ModelOutputs audited, List<ModelOutputs> references,
                                                  List<ModelOutputs> unlearned, AuditSets sets) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (sets.nonMembers.length == 0) {
            m.put("loss_threshold", null);
        } else {
            MembershipAttackResult attack = audited.lossAttack();
            r.modelLossAttack = attack.roc();
            Map<String, Object> lt = attackMap(attack);
            lt.put("members", sets.forget.length);
            lt.put("non_members", sets.nonMembers.length);
            double[] refAucs = new double[references.size()];
            for (int i = 0; i < refAucs.length; i++) {
                MembershipAttackResult a = references.get(i).lossAttack();
                r.retrainedLossAttacks.add(a.roc());
                refAucs[i] = a.auc();
            }
            lt.put("retrained_mean_auc", finite(mean(refAucs)));
            double[] unlAucs = new double[unlearned.size()];
            for (int i = 0; i < unlAucs.length; i++) {
                unlAucs[i] = unlearned.get(i).lossAttack().auc();
            }
            lt.put("unlearned_mean_auc", finite(mean(unlAucs)));
            m.put("loss_threshold", lt);
        }
        if (unlearned.size() >= 2 && references.size() >= 2) {
            double[][] u = confidences(unlearned, sets.scored);
            double[][] ref = confidences(references, sets.scored);
            MembershipAttackResult ulira = UnlearningLira.leaveOneOut(u, ref, Lira.DEFAULT_MIN_STD);
            r.unlearningLira = ulira.roc();
            Map<String, Object> ul = attackMap(ulira);
            ul.put("examples", sets.scored.length);
            ul.put("unlearned_models", u.length);
            ul.put("retrained_models", ref.length);
            double[] own = UnlearningLira.scores(pick(audited.forgetConfidence, sets.scored), u, ref, Lira.DEFAULT_MIN_STD);
            ul.put("model_mean_log_ratio", finite(mean(own)));
            m.put("u_lira", ul);
        } else {
            m.put("u_lira", null);
        }
        return m;
    }

    private static Map<String, Object> forgetQuality(AuditResult r, Settings s, AuditSets sets, ModelOutputs audited,
            List<ModelOutputs> references, List<ModelOutputs> unlearned, long seed) {
        r.modelForgetConfidence = pick(audited.forgetConfidence, sets.scored);
        r.retrainedConfidence = confidences(references, sets.scored);
        r.unlearnedConfidence = confidences(unlearned, sets.scored);
        if (unlearned.size() < 2 || references.size() < 2) {
            return null;
        }
        ForgetQualityResult fq = ForgetQuality.score(r.unlearnedConfidence, r.retrainedConfidence);
        ForgetQualityBaseline.Estimate expected = ForgetQualityBaseline.gaussian(r.retrainedConfidence,
                unlearned.size(), Math.max(1, s.baselineRepeats), org.lethe.tensor.Rng.derive(seed, 0xF0A11L));
        double uRetain = meanAccuracy(unlearned, "retain");
        double rRetain = meanAccuracy(references, "retain");
        double uTest = meanAccuracy(unlearned, "held_out");
        double rTest = meanAccuracy(references, "held_out");
        r.forgetQuality = fq.forgetQuality();
        r.expectedForgetQuality = expected.mean;
        r.finalScore = ForgetQuality.finalScore(fq.forgetQuality(), uRetain, rRetain, uTest, rTest);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("forget_quality", r.forgetQuality);
        m.put("expected_if_indistinguishable", expected.mean);
        m.put("expected_std", expected.std);
        m.put("relative_to_expected", finite(r.forgetQuality / expected.mean));
        m.put("final_score", r.finalScore);
        m.put("retain_accuracy_ratio", uRetain / rRetain);
        m.put("test_accuracy_ratio", uTest / rTest);
        r.confidenceShift = meanShift(r.unlearnedConfidence, r.retrainedConfidence);
        m.put("mean_confidence_shift", r.confidenceShift);
        m.put("unlearned_models", fq.numUnlearnedModels());
        m.put("retrained_models", fq.numRetrainedModels());
        m.put("examples", fq.numExamples());
        m.put("max_epsilon", fq.buckets().maxEpsilon());
        List<Integer> counts = new ArrayList<>();
        for (int c : fq.bucketCounts()) {
            counts.add(c);
        }
        m.put("bucket_counts", counts);
        m.put("epsilons", fq.epsilons());
        return m;
    }

    private static AuditVerdict.Inputs verdictInputs(AuditResult r, String method, ForgetSet forget, AuditSets sets,
            ModelOutputs audited, List<ModelOutputs> references, List<ModelOutputs> unlearned) {
        AuditVerdict.Inputs in = new AuditVerdict.Inputs();
        in.method = method;
        in.forgetCount = forget.size();
        in.forgetQuality = r.forgetQuality;
        in.expectedForgetQuality = r.expectedForgetQuality;
        in.confidenceShift = r.confidenceShift;
        in.numUnlearned = unlearned.size();
        in.numRetrained = references.size();
        if (r.modelLossAttack != null) {
            in.attackAuc = r.modelLossAttack.auc();
            double[] aucs = new double[r.retrainedLossAttacks.size()];
            for (int i = 0; i < aucs.length; i++) {
                aucs[i] = r.retrainedLossAttacks.get(i).auc();
            }
            in.retrainedAttackAuc = mean(aucs);
            in.attackMembers = sets.forget.length;
            in.attackNonMembers = sets.nonMembers.length;
        }
        in.testAccuracy = audited.heldOut.overall();
        in.retrainedTestAccuracy = meanAccuracy(references, "held_out");
        in.forgetAccuracy = audited.forget.overall();
        in.retrainedForgetAccuracy = meanAccuracy(references, "forget");
        return in;
    }

    /** Mean over examples of the difference between the two kinds' mean confidences ({@code [model][example]}). */
    private static double meanShift(double[][] unlearned, double[][] retrained) {
        int examples = retrained[0].length;
        double total = 0;
        for (int e = 0; e < examples; e++) {
            total += mean(UnlearningLira.column(unlearned, e)) - mean(UnlearningLira.column(retrained, e));
        }
        return total / examples;
    }

    // What making one unlearned comparison model cost: its deletion's wall time when a deletion made it, else its
    // training time (retraining is the deletion for methods compared with retrained models).
    private static double meanDeletionSeconds(Counterfactual cf, List<ModelCache.Entry> unlearned) {
        if (unlearned.isEmpty()) {
            return Double.NaN;
        }
        if (cf.deletion == null) {
            return 0.0;
        }
        boolean deleted = cf.deletion.auditComparison() == AuditComparison.DELETED_FROM_ORIGINAL;
        double sum = 0;
        for (ModelCache.Entry e : unlearned) {
            double seconds = e.buildSeconds;
            if (deleted) {
                try {
                    seconds = DeletionRecord.readFrom(e.model).wallSeconds();
                } catch (IOException ex) {
                    seconds = Double.NaN;
                }
            }
            sum += seconds;
        }
        return sum / unlearned.size();
    }

    // ------------------------------------------------------------------ small helpers

    private static Map<String, Object> attackMap(MembershipAttackResult a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", a.auc());
        m.put("tpr_at_1pct_fpr", a.tprAtOnePercentFpr());
        m.put("tpr_at_0_1pct_fpr", a.tprAtTenthPercentFpr());
        return m;
    }

    private static double[][] confidences(List<ModelOutputs> models, int[] scored) {
        double[][] out = new double[models.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = pick(models.get(i).forgetConfidence, scored);
        }
        return out;
    }

    private static double[] pick(double[] values, int[] positions) {
        double[] out = new double[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[positions[i]];
        }
        return out;
    }

    private static ClassAccuracy accuracyOf(ModelOutputs o, String set) {
        switch (set) {
            case "retain": return o.retain;
            case "forget": return o.forget;
            default: return o.heldOut;
        }
    }

    private static double meanAccuracy(List<ModelOutputs> models, String set) {
        double[] v = new double[models.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = accuracyOf(models.get(i), set).overall();
        }
        return mean(v);
    }

    private static Map<String, Object> meanAccuracies(List<ModelOutputs> models) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String set : new String[] {"retain", "forget", "held_out"}) {
            m.put(set, finite(meanAccuracy(models, set)));
        }
        return m;
    }

    private static double[] meanPerClass(List<ModelOutputs> models, int classes, boolean heldOut) {
        double[] sum = new double[classes];
        if (models.isEmpty()) {
            java.util.Arrays.fill(sum, Double.NaN);
            return sum;
        }
        for (ModelOutputs o : models) {
            double[] pc = (heldOut ? o.heldOut : o.forget).perClass();
            for (int c = 0; c < classes; c++) {
                sum[c] += pc[c];
            }
        }
        for (int c = 0; c < classes; c++) {
            sum[c] /= models.size();
        }
        return sum;
    }

    private static Map<String, Object> meanOfMaps(List<ModelOutputs> references, boolean agreement) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String set : new String[] {"retain", "forget", "held_out"}) {
            double[] v = new double[references.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (agreement ? references.get(i).agreement : references.get(i).kl).get(set);
            }
            m.put(set, finite(mean(v)));
        }
        return m;
    }

    static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Double> nullable(double[] v) {
        List<Double> out = new ArrayList<>();
        for (double x : v) {
            out.add(finite(x));
        }
        return out;
    }

    private static List<String> strings(List<Path> paths) {
        List<String> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(p.toString());
        }
        return out;
    }

    private static String rangeOf(List<Long> seeds) {
        if (seeds.isEmpty()) {
            return "(none)";
        }
        return seeds.size() == 1 ? String.valueOf(seeds.get(0)) : seeds.get(0) + ".." + seeds.get(seeds.size() - 1);
    }
}
