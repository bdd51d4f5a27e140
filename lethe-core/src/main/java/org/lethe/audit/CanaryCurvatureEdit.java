package org.lethe.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lethe.curvature.CurvatureForgetting;
import org.lethe.curvature.FactorCollector;
import org.lethe.curvature.FisherKind;
import org.lethe.curvature.KfacFactors;
import org.lethe.curvature.LayerEdit;
import org.lethe.curvature.LayerEditor;
import org.lethe.curvature.EditableLayers;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Gpt;
import org.lethe.nn.Linear;
import org.lethe.train.LanguageModelTask;
import org.lethe.train.TrainingRun;

/**
 * The canary experiment with a curvature edit in place of deletion: the {@link CanaryExperiment} trains a character
 * GPT with inserted canaries (and, as the exact reference, retrains it without them); then K-FAC factors of every
 * linear layer of the trained GPT are collected on the retained documents and on the canary copies (every predicted
 * position one sample), and the eigen-pairs whose canary curvature exceeds {@code ratio} times their retain
 * curvature are zeroed ({@link CurvatureForgetting#dropPairs}), once with one factor over all the canary copies and
 * once with one factor per canary (a pair dropped when any canary passes the ratio); for comparison, the untargeted
 * keep-mass edit of every layer (factors over all training documents) is applied at each keep-mass. For each edit the exposure of the inserted
 * canaries, of never-inserted controls, and the held-out loss are measured on the edited model.
 */
public final class CanaryCurvatureEdit {
    private CanaryCurvatureEdit() {
    }

    /**
     * One edited model and what it scores: {@code method} is {@code kfac-forget} (forget-set targeted; {@code setting}
     * the ratio), {@code kfac-forget-each} (the same with one factor per canary, a pair dropped when any canary's
     * curvature exceeds the ratio) or {@code keep-mass} (the untargeted edit of every layer with factors over all training documents;
     * {@code setting} the keep-mass rho).
     */
    public record Row(String method, double setting, long droppedPairs, long totalPairs, double canaryExposure, double controlExposure,
                      double testLoss, double editSeconds) {
    }

    /**
     * The experiment's result: the unedited model, the exact retrain, and the edits' rows (each rule at each ratio,
     * then each keep-mass); {@code collectSeconds} covers every factor collection of the targeted rules.
     */
    public record Result(int trainingDocuments, int canaryCopies, long candidates, double maxExposure,
                         double canaryExposureBefore, double controlExposureBefore, double testLossBefore,
                         double canaryExposureRetrained, double controlExposureRetrained, double testLossRetrained,
                         double trainSeconds, double collectSeconds, List<String> layers, List<Row> rows) {
    }

    /**
     * Runs the canary experiment in {@code workDir} with {@code options} (its deletion should be an exact one, the
     * reference), then edits the trained model with each targeted rule at each entry of {@code ratios} and untargeted
     * at each of {@code keepMasses}, each time from the trained weights.
     */
    public static Result run(TextCorpus base, Path workDir, CanaryExperiment.Options options, double[] ratios,
                             double[] keepMasses, Consumer<String> progress) throws Exception {
        for (double rho : keepMasses) {
            if (!(rho > 0)) {
                throw new IllegalArgumentException("keep-masses must be positive, got " + rho);
            }
        }
        for (double r : ratios) {
            if (!(r > 0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException("ratios must be positive and finite, got " + r);
            }
        }
        Consumer<String> say = progress == null ? s -> { } : progress;
        CanaryExperimentResult exp = CanaryExperiment.run(base, workDir, options, say, null);
        List<String> secrets = new ArrayList<>();
        exp.canaries.forEach(s -> secrets.add(s.secret));
        exp.controls.forEach(s -> secrets.add(s.secret));

        TrainingRun run = TrainingRun.open(workDir.resolve("trained"));
        run.loadFinalModel();
        Gpt gpt = (Gpt) run.model;
        TextCorpus train = (TextCorpus) run.data.train;
        TextCorpus vocabulary = (TextCorpus) run.data.all;
        List<String> canaryDocs = new ArrayList<>();
        for (String s : secrets.subList(0, exp.canaries.size())) {
            canaryDocs.add(options.format.document(s));
        }
        List<Integer> forget = new ArrayList<>();
        List<Integer> retain = new ArrayList<>();
        Map<String, List<Integer>> copiesByCanary = new java.util.LinkedHashMap<>();
        canaryDocs.forEach(doc -> copiesByCanary.put(doc, new ArrayList<>()));
        for (int i = 0; i < train.size(); i++) {
            List<Integer> copies = copiesByCanary.get(train.document(i));
            (copies != null ? forget : retain).add(i);
            if (copies != null) {
                copies.add(i);
            }
        }
        LanguageModelTask task = new LanguageModelTask(train, run.algebra);
        Map<String, Linear> layers = EditableLayers.linear(gpt);
        say.accept("collecting K-FAC factors of " + layers.size() + " layers on " + retain.size()
                + " retained and " + forget.size() + " canary documents");
        long t0 = System.nanoTime();
        KfacFactors retainFactors = new FactorCollector(gpt, layers, FisherKind.EMPIRICAL, options.training.seed)
                .collect(task, toArray(retain));
        KfacFactors forgetFactors = new FactorCollector(gpt, layers, FisherKind.EMPIRICAL, options.training.seed)
                .collect(task, toArray(forget));
        // One factor per canary too (over its copies), for the edit that drops what any single canary bends.
        List<KfacFactors> perCanary = new ArrayList<>();
        for (List<Integer> copies : copiesByCanary.values()) {
            perCanary.add(new FactorCollector(gpt, layers, FisherKind.EMPIRICAL, options.training.seed)
                    .collect(task, toArray(copies)));
        }
        double collectSeconds = (System.nanoTime() - t0) / 1e9;

        Map<String, List<KfacFactors>> rules = new java.util.LinkedHashMap<>();
        rules.put("kfac-forget", List.of(forgetFactors));
        rules.put("kfac-forget-each", perCanary);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<KfacFactors>> rule : rules.entrySet()) {
            for (double ratio : ratios) {
                run.loadFinalModel();
                long e0 = System.nanoTime();
                long[] counts = CurvatureForgetting.dropPairs(layers, retainFactors, rule.getValue(), ratio);
                double editSeconds = (System.nanoTime() - e0) / 1e9;
                rows.add(score(rule.getKey(), ratio, counts, gpt, run, vocabulary, options, secrets,
                        exp.canaries.size(), editSeconds, say));
            }
        }
        if (keepMasses.length > 0) {
            run.loadFinalModel();
            int[] all = new int[train.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            KfacFactors allFactors = new FactorCollector(gpt, layers, FisherKind.EMPIRICAL, options.training.seed)
                    .collect(task, all);
            List<LayerEditor> editors = new ArrayList<>(LayerEditor.all(layers, allFactors).values());
            for (double rho : keepMasses) {
                long e0 = System.nanoTime();
                long kept = 0;
                long total = 0;
                for (LayerEditor editor : editors) {
                    LayerEdit edit = editor.apply(rho);
                    kept += edit.keptPairs();
                    total += edit.totalPairs();
                }
                double editSeconds = (System.nanoTime() - e0) / 1e9;
                rows.add(score("keep-mass", rho, new long[] {total - kept, total}, gpt, run, vocabulary, options,
                        secrets, exp.canaries.size(), editSeconds, say));
            }
            editors.forEach(LayerEditor::restore);
        }
        ExposureResult first = exp.canaries.get(0).before;
        return new Result(exp.trainingDocuments, forget.size(), first.candidates, first.maxExposure(),
                exp.meanCanaryExposureBefore(), exp.meanControlExposureBefore(), exp.testLossBefore,
                exp.meanCanaryExposureAfter(), exp.meanControlExposureAfter(), exp.testLossAfter, exp.trainSeconds,
                collectSeconds, List.copyOf(layers.keySet()), rows);
    }

    private static Row score(String method, double setting, long[] counts, Gpt gpt, TrainingRun run,
                             TextCorpus vocabulary, CanaryExperiment.Options options, List<String> secrets, int canaries,
                             double editSeconds, Consumer<String> say) {
        List<ExposureResult> exposure = CanaryExposure.measure(gpt, vocabulary, options.format, secrets,
                options.exposure);
        double loss = run.evaluate().get("loss");
        Row row = new Row(method, setting, counts[0], counts[1], mean(exposure, 0, canaries),
                mean(exposure, canaries, secrets.size()), loss, editSeconds);
        say.accept(String.format(java.util.Locale.ROOT, "%s %s: dropped %d of %d pairs, canary exposure %.2f, "
                + "control %.2f, test loss %.4f", method, setting, counts[0], counts[1], row.canaryExposure(),
                row.controlExposure(), loss));
        return row;
    }

    private static double mean(List<ExposureResult> results, int from, int to) {
        if (to <= from) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += results.get(i).exposure();
        }
        return sum / (to - from);
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
