package org.lethe.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import org.lethe.nn.Layer;
import org.lethe.weights.TaskVector;
import org.lethe.weights.WeightSet;

/**
 * Experiment 3 of {@code lethe bench algebra}: build a model of all digits from keys. {@code S_hi + lambda tau_lo}
 * (insert the 0-4 key into the 5-9 model) and {@code theta_0 + a (tau_lo + tau_hi)} (both keys on the base), each
 * coefficient chosen for the best accuracy on validation digits, against joint training on all digits and an
 * ensemble averaging the two key models' probabilities. The cosine between the keys' vectors is reported as the
 * predictor of how much they interfere.
 */
final class KeyInsertionExperiment {
    static final String INSERT = "S_hi + lambda tau_lo";
    static final String BOTH = "theta_0 + a (tau_lo + tau_hi)";
    static final String JOINT = "joint training";
    static final String ENSEMBLE = "ensemble of S_lo and S_hi";

    private KeyInsertionExperiment() {
    }

    static AlgebraBenchmarkResult.InsertionSeed run(DigitKeyModels k, Consumer<String> log) {
        TaskVector low = k.tauLow();
        TaskVector high = k.tauHigh();
        WeightSet sHigh = WeightSet.of(k.high);
        WeightSet both = low.delta().add(high.delta());
        List<AlgebraBenchmarkResult.Build> builds = new ArrayList<>();
        double lambda = best(k, x -> sHigh.plusScaled(x, low.delta()));
        builds.add(build(INSERT, lambda, ClassifierReadout.of(k.holding(sHigh.plusScaled(lambda, low.delta())), k.test)));
        double a = best(k, x -> k.theta0.plusScaled(x, both));
        builds.add(build(BOTH, a, ClassifierReadout.of(k.holding(k.theta0.plusScaled(a, both)), k.test)));
        builds.add(build(JOINT, Double.NaN, ClassifierReadout.of(k.all, k.test)));
        ClassifierReadout lowReadout = ClassifierReadout.of(k.low, k.test);
        ClassifierReadout highReadout = ClassifierReadout.of(k.high, k.test);
        builds.add(build(ENSEMBLE, Double.NaN, ClassifierReadout.average(lowReadout, highReadout)));
        double cosine = low.cosine(high);
        // How much the keys cost each other: each key model's accuracy on its own digits minus the built model's.
        AlgebraBenchmarkResult.Build built = builds.get(1);
        double interference = ((lowReadout.accuracy(ClassifierReadout.mask(10, DigitKeyModels.LOW)) - built.lowAccuracy())
                + (highReadout.accuracy(ClassifierReadout.mask(10, DigitKeyModels.HIGH)) - built.highAccuracy())) / 2;
        log.accept(String.format(Locale.ROOT, "insertion seed %d: cosine(tau_lo, tau_hi) %.3f; %s %.4f (lambda %.2f), "
                        + "%s %.4f (a %.2f), joint %.4f, ensemble %.4f", k.seed, cosine, INSERT, builds.get(0).accuracy(),
                lambda, BOTH, built.accuracy(), a, builds.get(2).accuracy(), builds.get(3).accuracy()));
        return new AlgebraBenchmarkResult.InsertionSeed(k.seed, cosine, builds, interference);
    }

    // The coefficient in 0.05..3 with the best validation accuracy on all digits (the smallest on ties).
    private static double best(DigitKeyModels k, DoubleFunction<WeightSet> model) {
        Layer scratch = k.scratch();
        double bestX = Double.NaN;
        double bestAcc = -1;
        for (int i = 1; i <= 60; i++) {
            double x = i * 0.05;
            model.apply(x).applyTo(scratch);
            double acc = ClassifierReadout.of(scratch, k.validation).accuracy(null);
            if (acc > bestAcc) {
                bestAcc = acc;
                bestX = x;
            }
        }
        return bestX;
    }

    private static AlgebraBenchmarkResult.Build build(String name, double coefficient, ClassifierReadout r) {
        return new AlgebraBenchmarkResult.Build(name, coefficient, r.accuracy(null),
                r.accuracy(ClassifierReadout.mask(10, DigitKeyModels.LOW)),
                r.accuracy(ClassifierReadout.mask(10, DigitKeyModels.HIGH)));
    }
}
