package org.lethe.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lethe.audit.json.AuditDocument;
import org.lethe.audit.json.EvidenceSection;
import org.lethe.audit.json.ForgetQualitySection;
import org.lethe.audit.json.ForgetSection;
import org.lethe.audit.json.MembershipSection;
import org.lethe.audit.json.PowerSection;
import org.lethe.audit.json.ModelsSection;
import org.lethe.audit.json.TimingSection;
import org.lethe.audit.json.UtilitySection;
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
        /** Models trained or evaluated at once (by the local runner). */
        public int threads = Parallel.threads();
        /**
         * Runs the comparison models' training and evaluation; null means a local runner of {@link #threads}. A
         * runner in other processes needs the model, its data and the cache on storage they read.
         */
        public JobRunner runner;
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
        AuditSets sets = ModelOutputsJob.Opened.setsOf(model, forget, cf, s.maxScoredExamples);
        ModelCache cache = new ModelCache(s.cache != null ? s.cache : defaultCache(s.model), s.pruneRecordedUpdates);
        JobRunner pool = s.runner != null ? s.runner : new LocalJobRunner(s.threads);
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
        List<ModelCache.Entry> entries = ensureAll(recipes, cache, s.pruneRecordedUpdates, pool, s.log);
        List<Path> referenceDirs = new ArrayList<>(s.references);
        List<Path> unlearnedDirs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            (i < (given ? 0 : numReferences) ? referenceDirs : unlearnedDirs).add(entries.get(i).model());
        }

        s.log.accept("evaluating " + (1 + referenceDirs.size() + unlearnedDirs.size()) + " models");
        ModelOutputs audited = ModelOutputs.of(model, sets, null, true);
        JobEnvironment shared = JobEnvironment.empty().with(ModelOutputsJob.OPENED,
                new ModelOutputsJob.Opened(sets, audited, forget));
        ModelOutputsJob.Inputs inputs = new ModelOutputsJob.Inputs(s.model.toAbsolutePath().normalize().toString(),
                s.forget, s.maxScoredExamples);
        List<ModelOutputs> references = evaluateAll(referenceDirs, true, given, inputs, shared, pool);
        List<ModelOutputs> unlearned = evaluateAll(unlearnedDirs, false, false, inputs, shared, pool);
        List<ModelCache.Entry> originalEntries = new ArrayList<>();
        List<ModelOutputs> originals = originals(model, cf, unlearned, unlearnedSeeds, cache, s, pool, inputs, shared,
                originalEntries);

        AuditResult r = new AuditResult();
        ForgetSection forgetSection = new ForgetSection(forget.description(), forget.source(), forget.size(),
                sets.scored.length, sets.nonMembers.length, forget.ids());
        ModelsSection models = modelsSection(model, cf, given, referenceDirs, referenceSeeds, unlearnedDirs,
                unlearnedSeeds, entries, cache, numReferences);
        UtilitySection utility = utility(r, audited, references, unlearned, sets);
        MembershipSection membership = membership(r, audited, references, unlearned, sets);
        ForgetQualitySection quality = forgetQuality(r, s, sets, audited, references, unlearned, model.config.seed);
        PowerSection power = power(r, cf, originals, sets);
        r.meanDeletionSeconds = meanDeletionSeconds(cf, entries.subList(given ? 0 : numReferences, entries.size()));
        // The verdict and timing come last, so the sections start out unmeasured and the document is completed then.
        AuditDocument doc = new AuditDocument(AuditDocument.FORMAT, null, s.model.toString(),
                model.kind.name().toLowerCase(java.util.Locale.ROOT), cf.method, forgetSection, models, utility,
                membership, quality, null, null, null, "", null, null, null);
        if (!s.extensions.isEmpty()) {
            AuditContext ctx = new AuditContext(model, sets, forget, referenceDirs, unlearnedDirs, model.config.seed);
            for (AuditExtension e : s.extensions) {
                String why = e.notApplicable(ctx);
                if (why != null) {
                    s.log.accept(e.title() + ": not measured, " + why);
                    continue;
                }
                s.log.accept("measuring " + e.title());
                doc = doc.withSection(e.name(), e.measure(ctx));
            }
        }
        AuditVerdict.Inputs verdictInputs = verdictInputs(r, cf.method, forget, sets, audited, references, unlearned);
        verdictInputs.originalForgetQuality = r.originalForgetQuality;
        verdictInputs.numOriginals = originals.size();
        r.conclusion = AuditVerdict.conclusion(verdictInputs);
        r.verdict = AuditVerdict.write(verdictInputs);
        // Counted from the results, since the models may have been made in other processes.
        entries = new ArrayList<>(entries);
        entries.addAll(originalEntries);
        r.modelsBuilt = entries.stream().mapToInt(e -> e.modelsBuilt).sum();
        r.modelsReused = entries.stream().mapToInt(e -> e.modelsReused).sum();
        r.wallSeconds = (System.nanoTime() - start) / 1e9;
        Double own = model.deletionRecord() == null ? null : model.deletionRecord().wallSeconds();
        TimingSection timing = new TimingSection(r.wallSeconds, r.modelsBuilt, r.modelsReused,
                finite(r.meanDeletionSeconds), own);
        r.document = new AuditDocument(doc.format(), r.conclusion.words(), doc.model(), doc.modelKind(), doc.method(),
                doc.forget(),
                doc.models(), doc.utility(), doc.membershipInference(), doc.forgetQuality(), doc.linearProbe(),
                doc.relearn(), doc.canaryExposure(), r.verdict, timing, evidence(model), power);
        return r;
    }

    /**
     * Models trained with the forget set, evaluated like the others, to measure the audit's power. For an original
     * the unlearned comparison models are such models; for a deletion from an original (SISA, amnesiac) they are
     * the bases of the unlearned models, already in the cache; for methods compared with retrained models they are
     * trained (once; the cache keeps them).
     */
    private static List<ModelOutputs> originals(StoredClassifier model, Counterfactual cf, List<ModelOutputs> unlearned,
            List<Long> seeds, ModelCache cache, Settings s, JobRunner pool, ModelOutputsJob.Inputs inputs,
            JobEnvironment shared, List<ModelCache.Entry> entries) throws Exception {
        if (cf.deletion == null) {
            return unlearned;
        }
        if (seeds.size() < 2) {
            return List.of();
        }
        boolean recordUpdates = cf.deletion.auditComparison() == AuditComparison.DELETED_FROM_ORIGINAL
                && cf.deletion.needs().contains(Requirement.RECORDED_UPDATES);
        List<ModelRecipe> recipes = new ArrayList<>();
        for (long seed : seeds) {
            recipes.add(ModelRecipe.trained(model, cf.original, seed, recordUpdates));
        }
        s.log.accept("power: " + recipes.size() + " models trained with the forget set");
        entries.addAll(ensureAll(recipes, cache, s.pruneRecordedUpdates, pool, s.log));
        List<Path> dirs = new ArrayList<>();
        for (ModelCache.Entry e : entries) {
            dirs.add(e.model());
        }
        return evaluateAll(dirs, false, false, inputs, shared, pool);
    }

    private static PowerSection power(AuditResult r, Counterfactual cf, List<ModelOutputs> originals, AuditSets sets) {
        if (originals.size() < 2 || r.retrainedConfidence.length < 2 || !Double.isFinite(r.expectedForgetQuality)) {
            return null;
        }
        double[][] conf = confidences(originals, sets.scored);
        ForgetQualityResult fq = ForgetQuality.score(conf, r.retrainedConfidence);
        r.originalForgetQuality = fq.forgetQuality();
        double relative = r.originalForgetQuality / r.expectedForgetQuality;
        List<Double> epsilons = new ArrayList<>();
        for (double e : fq.epsilons()) {
            epsilons.add(e);
        }
        String what = cf.deletion == null ? "the unlearned comparison models (trained with the forget set)"
                : originals.size() + " models trained with the forget set, the unlearned comparison models' seeds";
        return new PowerSection(originals.size(), what, r.originalForgetQuality, r.expectedForgetQuality,
                finite(relative), Double.isFinite(relative) ? relative < AuditVerdict.INDISTINGUISHABLE : null,
                epsilons);
    }

    // What the audit concerns, for filing: the model as loaded (its hash was checked then) and its deletion record.
    private static EvidenceSection evidence(StoredClassifier model) throws IOException {
        String hash = model.kind == ModelKind.SISA ? model.sisa().hash()
                : org.lethe.io.SafeTensors.readHeader(model.run().dir.model()).metadata()
                        .get(org.lethe.io.SafeTensors.HASH_KEY);
        DeletionRecord d = model.deletionRecord();
        Path dir = model.dir.toAbsolutePath().normalize();
        return new EvidenceSection(dir.toString(), hash, java.time.Instant.now().toString(),
                org.lethe.io.CodeVersion.current(), d == null ? null : dir.resolve(DeletionRecord.FILE).toString(),
                d == null ? null : d.method(), d == null ? null : d.removedCount(),
                d == null ? null : d.requester(), d == null ? null : d.reason(),
                d == null ? null : d.time().toString());
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

    private static List<ModelCache.Entry> ensureAll(List<ModelRecipe> recipes, ModelCache cache, boolean prune,
                                                    JobRunner pool, Consumer<String> log) throws Exception {
        // The cache's counts are this process's; a runner elsewhere reports only the models ready.
        return ComparisonModelJob.ensureAll(recipes, cache, prune, pool, ready -> {
            int built = cache.built();
            int reused = cache.reused();
            log.accept("model " + ready + " of " + recipes.size() + " ready"
                    + (built + reused == 0 ? "" : " (" + built + " built, " + reused + " from cache)"));
        });
    }

    private static List<ModelOutputs> evaluateAll(List<Path> dirs, boolean references, boolean checkForgetUnseen,
                                                  ModelOutputsJob.Inputs inputs, JobEnvironment environment,
                                                  JobRunner pool) throws Exception {
        List<ModelOutputsJob> jobs = new ArrayList<>();
        for (Path dir : dirs) {
            jobs.add(new ModelOutputsJob(dir.toAbsolutePath().normalize().toString(), references, checkForgetUnseen,
                    inputs));
        }
        return pool.runAll(jobs, environment);
    }

    private static ModelsSection modelsSection(StoredClassifier model, Counterfactual cf, boolean given,
            List<Path> referenceDirs, List<Long> referenceSeeds, List<Path> unlearnedDirs, List<Long> unlearnedSeeds,
            List<ModelCache.Entry> entries, ModelCache cache, int numReferences) {
        String kind = model.kind.plural();
        ModelsSection.References ref = new ModelsSection.References(given ? "given" : "retrained",
                referenceDirs.size(), given ? referenceDirs.size() + " reference model(s) given for the audit"
                : numReferences + " " + kind + " trained from scratch without the forget set, with the audited "
                + "model's architecture and settings and seeds " + rangeOf(referenceSeeds),
                referenceSeeds, strings(referenceDirs));
        ModelsSection.Unlearned unl = new ModelsSection.Unlearned(unlearnedDirs.size(),
                unlearnedDirs.isEmpty() ? "none (forget quality not measured)"
                : cf.unlearnedDescription(unlearnedDirs.size(), model.kind) + "; seeds " + rangeOf(unlearnedSeeds),
                unlearnedSeeds, strings(unlearnedDirs));
        return new ModelsSection(ref, unl, cache.dir().toString());
    }

    private static UtilitySection utility(AuditResult r, ModelOutputs audited, List<ModelOutputs> references,
                                               List<ModelOutputs> unlearned, AuditSets sets) {
        r.modelRetain = audited.retain;
        r.modelForget = audited.forget;
        r.modelHeldOut = audited.heldOut;
        int classes = sets.all.classCount();
        r.retrainedHeldOutPerClass = meanPerClass(references, classes, true);
        r.retrainedForgetPerClass = meanPerClass(references, classes, false);
        return new UtilitySection(
                new UtilitySection.ModelAccuracy(audited.retain.toSection(), audited.forget.toSection(),
                        audited.heldOut.toSection()),
                meanAccuracies(references), unlearned.isEmpty() ? null : meanAccuracies(unlearned),
                new UtilitySection.PerClass(nullable(r.retrainedHeldOutPerClass), nullable(r.retrainedForgetPerClass)),
                meanOfMaps(references, true), meanOfMaps(references, false));
    }

    private static MembershipSection membership(AuditResult r, ModelOutputs audited, List<ModelOutputs> references,
                                                List<ModelOutputs> unlearned, AuditSets sets) {
        MembershipSection.LossThreshold lt = null;
        if (sets.nonMembers.length > 0) {
            MembershipAttackResult attack = audited.lossAttack();
            r.modelLossAttack = attack.roc();
            double[] refAucs = new double[references.size()];
            for (int i = 0; i < refAucs.length; i++) {
                MembershipAttackResult a = references.get(i).lossAttack();
                r.retrainedLossAttacks.add(a.roc());
                refAucs[i] = a.auc();
            }
            double[] unlAucs = new double[unlearned.size()];
            for (int i = 0; i < unlAucs.length; i++) {
                unlAucs[i] = unlearned.get(i).lossAttack().auc();
            }
            lt = new MembershipSection.LossThreshold(attack.auc(), attack.tprAtOnePercentFpr(),
                    attack.tprAtTenthPercentFpr(), sets.forget.length, sets.nonMembers.length, finite(mean(refAucs)),
                    finite(mean(unlAucs)));
        }
        MembershipSection.ULira ul = null;
        if (unlearned.size() >= 2 && references.size() >= 2) {
            double[][] u = confidences(unlearned, sets.scored);
            double[][] ref = confidences(references, sets.scored);
            MembershipAttackResult ulira = UnlearningLira.leaveOneOut(u, ref, Lira.DEFAULT_MIN_STD);
            r.unlearningLira = ulira.roc();
            double[] own = UnlearningLira.scores(pick(audited.forgetConfidence, sets.scored), u, ref, Lira.DEFAULT_MIN_STD);
            ul = new MembershipSection.ULira(ulira.auc(), ulira.tprAtOnePercentFpr(), ulira.tprAtTenthPercentFpr(),
                    sets.scored.length, u.length, ref.length, finite(mean(own)));
        }
        return new MembershipSection(lt, ul);
    }

    private static ForgetQualitySection forgetQuality(AuditResult r, Settings s, AuditSets sets, ModelOutputs audited,
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
        r.confidenceShift = meanShift(r.unlearnedConfidence, r.retrainedConfidence);
        List<Integer> counts = new ArrayList<>();
        for (int c : fq.bucketCounts()) {
            counts.add(c);
        }
        List<Double> epsilons = new ArrayList<>();
        for (double e : fq.epsilons()) {
            epsilons.add(e);
        }
        return new ForgetQualitySection(r.forgetQuality, expected.mean, expected.std,
                finite(r.forgetQuality / expected.mean), r.finalScore, uRetain / rRetain, uTest / rTest,
                r.confidenceShift, fq.numUnlearnedModels(), fq.numRetrainedModels(), fq.numExamples(),
                fq.buckets().maxEpsilon(), counts, epsilons);
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
                    seconds = DeletionRecord.readFrom(e.model()).wallSeconds();
                } catch (IOException ex) {
                    seconds = Double.NaN;
                }
            }
            sum += seconds;
        }
        return sum / unlearned.size();
    }

    // ------------------------------------------------------------------ small helpers

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

    private static UtilitySection.PerSet meanAccuracies(List<ModelOutputs> models) {
        return new UtilitySection.PerSet(finite(meanAccuracy(models, "retain")), finite(meanAccuracy(models, "forget")),
                finite(meanAccuracy(models, "held_out")));
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

    private static UtilitySection.PerSet meanOfMaps(List<ModelOutputs> references, boolean agreement) {
        return new UtilitySection.PerSet(meanOver(references, agreement, "retain"),
                meanOver(references, agreement, "forget"), meanOver(references, agreement, "held_out"));
    }

    private static Double meanOver(List<ModelOutputs> references, boolean agreement, String set) {
        double[] v = new double[references.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (agreement ? references.get(i).agreement : references.get(i).kl).get(set);
        }
        return finite(mean(v));
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
