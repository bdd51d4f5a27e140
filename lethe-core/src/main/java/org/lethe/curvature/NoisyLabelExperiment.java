package org.lethe.curvature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lethe.data.Dataset;
import org.lethe.data.ImageDatasets;
import org.lethe.nn.Layer;
import org.lethe.nn.Linear;
import org.lethe.nn.Mlp;
import org.lethe.optim.Optimizer;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;
import org.lethe.train.ProvenanceLog;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;

/**
 * The noisy-label experiment: an MLP trained until it fits a training set in which a share of the labels were
 * replaced by uniformly random wrong ones, then edited in its K-FAC eigenbasis without being told which labels are
 * wrong; scored by how many wrong labels it still predicts (memorised) and how many true ones it now predicts
 * (recovered). Factors are collected once per Fisher and their eigendecompositions shared by every row of the sweep;
 * the controls (SVD truncation, random basis, OBD) run at the kept fractions of the exact-Fisher rows.
 */
public final class NoisyLabelExperiment {
    /** What to run; {@link #standard} is the benchmark's setting. */
    public record Settings(String data, int trainSize, double noiseRate, int[] widths, int epochs, int batchSize,
                           double learningRate, double[] weightDecays, double[] keepMasses, List<FisherKind> fishers,
                           boolean controls, long seed) {
        /**
         * 10,000 Fashion-MNIST images (the bundled digits when it is not installed), MLP 784-512-512-10, 40 epochs of
         * Adam; the keep-masses and two higher ones, where this MLP's concentrated spectra still keep a
         * usable share of pairs.
         */
        public static Settings standard(long seed) {
            boolean fashion = ImageDatasets.fashionMnistInstalled();
            return new Settings(fashion ? "fashion-mnist" : "digits", 10_000, 0.10,
                    new int[] {784, 512, 512, 10}, 40, 128, 1e-3, new double[] {0.0, 5e-4},
                    new double[] {0.5, 0.6, 0.75, 0.9, 0.99, 0.999}, List.of(FisherKind.values()), true, seed);
        }
    }

    private final Settings settings;
    private Consumer<String> log = line -> { };

    public NoisyLabelExperiment(Settings settings) {
        this.settings = settings;
    }

    /** Receives one line per stage (for progress output). */
    public NoisyLabelExperiment log(Consumer<String> listener) {
        this.log = listener;
        return this;
    }

    /** Runs the experiment. */
    public NoisyLabelResult run() throws IOException {
        Algebra algebra = Real32.INSTANCE;
        Dataset[] split = data();
        Dataset clean = split[0];
        Dataset test = split[1];
        int classes = clean.classCount();
        Rng noiseRng = new Rng(Rng.derive(settings.seed(), 7));
        int[] trueLabels = clean.labels();
        int[] noisyLabels = trueLabels.clone();
        int[] perm = noiseRng.permutation(clean.size());
        int noisyCount = (int) Math.round(settings.noiseRate() * clean.size());
        boolean[] noisy = new boolean[clean.size()];
        for (int k = 0; k < noisyCount; k++) {
            int i = perm[k];
            noisy[i] = true;
            noisyLabels[i] = (trueLabels[i] + 1 + noiseRng.nextInt(classes - 1)) % classes;
        }
        Dataset train = relabelled(clean, noisyLabels);
        ClassificationTask trainTask = new ClassificationTask(train, null, algebra);
        ClassificationTask testTask = new ClassificationTask(test, null, algebra);
        Scorer scorer = new Scorer(trainTask, testTask, trueLabels, noisyLabels, noisy);

        List<NoisyLabelRun> runs = new ArrayList<>();
        for (double wd : settings.weightDecays()) {
            runs.add(runAt(wd, algebra, train, trainTask, scorer));
        }
        List<Integer> widths = new ArrayList<>();
        for (int w : settings.widths()) {
            widths.add(w);
        }
        return new NoisyLabelResult(settings.data(), train.size(), test.size(), settings.noiseRate(), widths,
                settings.epochs(), settings.seed(), runs);
    }

    private NoisyLabelRun runAt(double weightDecay, Algebra algebra, Dataset train, ClassificationTask trainTask,
                                Scorer scorer) {
        Mlp model = new Mlp(algebra, new Rng(settings.seed()), settings.widths());
        TrainConfig config = new TrainConfig();
        config.optimizer = "adam";
        config.learningRate = settings.learningRate();
        config.weightDecay = weightDecay;
        config.batchSize = settings.batchSize();
        config.seed = settings.seed();
        Optimizer optimizer = config.buildOptimizer(model.trainableParameters());
        ProvenanceLog order = new ProvenanceLog(train.ids().toArray(new String[0]), null, settings.seed(),
                settings.batchSize(), settings.epochs());
        long start = System.nanoTime();
        new Trainer(model, optimizer, null, order, trainTask).run();
        double trainSeconds = seconds(start);
        NoisyLabelScores unedited = scorer.score(model);
        log.accept(String.format("weight decay %s: trained in %.1f s; unedited %s", weightDecay, trainSeconds, unedited));

        Map<String, Linear> layers = EditableLayers.linear(model);
        List<String> names = new ArrayList<>(layers.keySet());
        Map<String, List<String>> layerSets = new LinkedHashMap<>();
        layerSets.put("first", List.of(names.get(0)));
        layerSets.put("last", List.of(names.get(names.size() - 1)));
        layerSets.put("first+last", List.of(names.get(0), names.get(names.size() - 1)));
        layerSets.put("all", names);
        int[] all = new int[train.size()];
        Arrays.setAll(all, i -> i);

        Map<String, Double> collectSeconds = new LinkedHashMap<>();
        Map<String, Double> decomposeSeconds = new LinkedHashMap<>();
        List<NoisyLabelRow> rows = new ArrayList<>();
        for (FisherKind fisher : settings.fishers()) {
            long t0 = System.nanoTime();
            KfacFactors factors = new FactorCollector(model, layers, fisher, Rng.derive(settings.seed(), 11))
                    .collect(trainTask, all);
            collectSeconds.put(fisher.label(), seconds(t0));
            long t1 = System.nanoTime();
            Map<String, LayerEditor> editors = LayerEditor.all(layers, factors);
            decomposeSeconds.put(fisher.label(), seconds(t1));
            log.accept(String.format("  %s Fisher: collected in %.1f s, decomposed in %.1f s", fisher.label(),
                    collectSeconds.get(fisher.label()), decomposeSeconds.get(fisher.label())));
            for (Map.Entry<String, List<String>> set : layerSets.entrySet()) {
                for (double rho : settings.keepMasses()) {
                    long e0 = System.nanoTime();
                    long kept = 0;
                    long total = 0;
                    List<KeepMassSelection> selections = new ArrayList<>();
                    for (String n : set.getValue()) {
                        LayerEdit edit = editors.get(n).apply(rho);
                        kept += edit.keptPairs();
                        total += edit.totalPairs();
                        selections.add(editors.get(n).select(rho));
                    }
                    double editSeconds = seconds(e0);
                    double fraction = (double) kept / total;
                    rows.add(new NoisyLabelRow("kfac", fisher.label(), set.getKey(), rho, fraction,
                            scorer.score(model), editSeconds));
                    restore(editors, set.getValue());
                    if (settings.controls() && fisher == FisherKind.EXACT) {
                        rows.addAll(controls(model, editors, set, rho, selections, scorer));
                    }
                }
            }
        }
        return new NoisyLabelRun(weightDecay, trainSeconds, collectSeconds, decomposeSeconds, unedited, rows);
    }

    private List<NoisyLabelRow> controls(Layer model, Map<String, LayerEditor> editors, Map.Entry<String, List<String>> set,
                                         double rho, List<KeepMassSelection> selections, Scorer scorer) {
        List<NoisyLabelRow> out = new ArrayList<>();
        List<String> names = set.getValue();
        // SVD truncation at each layer's kept fraction.
        long e0 = System.nanoTime();
        for (int k = 0; k < names.size(); k++) {
            EditControls.svdTruncation(editors.get(names.get(k)), selections.get(k).keptFraction());
        }
        out.add(new NoisyLabelRow("svd", "none", set.getKey(), rho, meanFraction(selections), scorer.score(model), seconds(e0)));
        restore(editors, names);
        e0 = System.nanoTime();
        for (int k = 0; k < names.size(); k++) {
            EditControls.randomBasis(editors.get(names.get(k)), selections.get(k), Rng.derive(settings.seed(), 100 + k));
        }
        out.add(new NoisyLabelRow("random-basis", "none", set.getKey(), rho, meanFraction(selections), scorer.score(model), seconds(e0)));
        restore(editors, names);
        e0 = System.nanoTime();
        for (int k = 0; k < names.size(); k++) {
            EditControls.obd(editors.get(names.get(k)), selections.get(k).keptPairs());
        }
        out.add(new NoisyLabelRow("obd", FisherKind.EXACT.label(), set.getKey(), rho, meanFraction(selections), scorer.score(model), seconds(e0)));
        restore(editors, names);
        return out;
    }

    private static double meanFraction(List<KeepMassSelection> selections) {
        long kept = 0;
        long total = 0;
        for (KeepMassSelection s : selections) {
            kept += s.keptPairs();
            total += s.totalPairs();
        }
        return (double) kept / total;
    }

    private static void restore(Map<String, LayerEditor> editors, List<String> names) {
        for (String n : names) {
            editors.get(n).restore();
        }
    }

    private Dataset[] data() throws IOException {
        Dataset all;
        Dataset test;
        Rng rng = new Rng(Rng.derive(settings.seed(), 3));
        if (settings.data().equals("fashion-mnist")) {
            all = ImageDatasets.fashionMnist(true);
            test = ImageDatasets.fashionMnist(false);
        } else {
            Dataset digits = ImageDatasets.digits();
            int[] perm = rng.permutation(digits.size());
            int trainCount = Math.min(settings.trainSize(), digits.size() * 4 / 5);
            all = digits.select(sorted(Arrays.copyOfRange(perm, 0, trainCount)));
            test = digits.select(sorted(Arrays.copyOfRange(perm, trainCount, digits.size())));
            return new Dataset[] {all, test};
        }
        int[] perm = rng.permutation(all.size());
        return new Dataset[] {all.select(sorted(Arrays.copyOf(perm, Math.min(settings.trainSize(), all.size())))), test};
    }

    private static int[] sorted(int[] a) {
        Arrays.sort(a);
        return a;
    }

    private static Dataset relabelled(Dataset d, int[] labels) {
        float[] features = new float[d.size() * d.featureCount()];
        for (int i = 0; i < d.size(); i++) {
            System.arraycopy(d.features(i), 0, features, i * d.featureCount(), d.featureCount());
        }
        return Dataset.of(d.name() + "-noisy", features, d.featureCount(), labels, d.ids().toArray(new String[0]),
                null, d.imageShape().orElse(null));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The four scores of a model. */
    private static final class Scorer {
        final ClassificationTask train;
        final ClassificationTask test;
        final int[] trueLabels;
        final int[] noisyLabels;
        final boolean[] noisy;

        Scorer(ClassificationTask train, ClassificationTask test, int[] trueLabels, int[] noisyLabels, boolean[] noisy) {
            this.train = train;
            this.test = test;
            this.trueLabels = trueLabels;
            this.noisyLabels = noisyLabels;
            this.noisy = noisy;
        }

        NoisyLabelScores score(Layer model) {
            int[] pred = predictions(model, train);
            int memorised = 0;
            int recovered = 0;
            int noisyCount = 0;
            int cleanCorrect = 0;
            int cleanCount = 0;
            for (int i = 0; i < pred.length; i++) {
                if (noisy[i]) {
                    noisyCount++;
                    memorised += pred[i] == noisyLabels[i] ? 1 : 0;
                    recovered += pred[i] == trueLabels[i] ? 1 : 0;
                } else {
                    cleanCount++;
                    cleanCorrect += pred[i] == trueLabels[i] ? 1 : 0;
                }
            }
            int[] testPred = predictions(model, test);
            int testCorrect = 0;
            for (int i = 0; i < testPred.length; i++) {
                testCorrect += testPred[i] == test.data().label(i) ? 1 : 0;
            }
            return new NoisyLabelScores(ratio(memorised, noisyCount), ratio(recovered, noisyCount),
                    ratio(cleanCorrect, cleanCount), ratio(testCorrect, testPred.length));
        }

        private static double ratio(int a, int b) {
            return b == 0 ? Double.NaN : (double) a / b;
        }

        private static int[] predictions(Layer model, ClassificationTask task) {
            int n = task.data().size();
            int[] out = new int[n];
            for (int s = 0; s < n; s += 1024) {
                int[] idx = new int[Math.min(1024, n - s)];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = s + k;
                }
                NDArray logits = task.logits(model, idx);
                System.arraycopy(logits.argmax(1), 0, out, s, idx.length);
            }
            return out;
        }
    }
}
