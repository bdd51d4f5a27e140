package org.lethe.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;

/**
 * The linear-probe test of suppression versus erasure: can the forgotten examples (or classes) still be read out
 * of a model's penultimate features? For each model a {@link LinearProbe} is fitted on its features of retained
 * examples and evaluated on the forgotten ones, on held-out retained ones and on test examples.
 *
 * <p>Which examples: the retained examples are shuffled with the seed; the first {@code min(maxExamples, 80%)}
 * fit the probe and up to {@code maxExamples} of the rest measure retain accuracy. When the forget set holds
 * classes the retain set lacks (a class deletion), a probe fitted on retained examples could never name them, so
 * the test examples of those classes join the fitting set (and leave the test measurement); the forgotten
 * training examples are then read by a probe that learnt their classes from other examples.
 */
public final class ProbeAudit {
    private static final double FIT_FRACTION = 0.8;

    private ProbeAudit() {
    }

    /**
     * Probes {@code model} and, if not null, {@code reference}, with the same examples and settings.
     */
    public static ProbeAuditResult run(Layer model, Layer reference, ErasureTestData data, LinearProbe.Options options) {
        options.validate();
        Plan plan = plan(data, options);
        ProbeReadout m = readout(model, data, plan, options);
        ProbeReadout r = reference == null ? null : readout(reference, data, plan, options);
        return new ProbeAuditResult(m, r, plan.forgottenClasses);
    }

    /** The probe readout of one model. */
    public static ProbeReadout readout(Layer model, ErasureTestData data, LinearProbe.Options options) {
        return readout(model, data, plan(data, options), options);
    }

    private static final class Plan {
        int[] fitRetain;
        int[] fitTest;
        int[] evalRetain;
        int[] evalTest;
        List<Integer> forgottenClasses;
    }

    private static Plan plan(ErasureTestData data, LinearProbe.Options options) {
        Plan p = new Plan();
        p.forgottenClasses = data.forgottenClasses();
        int n = data.retain.size();
        int[] order = new Rng(Rng.derive(options.seed, 0x9b0e)).permutation(n);
        int fit = Math.min(options.maxExamples, Math.max(1, (int) Math.ceil(n * FIT_FRACTION)));
        fit = Math.min(fit, n);
        p.fitRetain = sorted(Arrays.copyOfRange(order, 0, fit));
        p.evalRetain = sorted(Arrays.copyOfRange(order, fit, Math.min(n, fit + options.maxExamples)));
        Set<Integer> missing = new HashSet<>(p.forgottenClasses);
        List<Integer> fitTest = new ArrayList<>();
        List<Integer> evalTest = new ArrayList<>();
        for (int i = 0; i < data.test.size(); i++) {
            (missing.contains(data.test.label(i)) ? fitTest : evalTest).add(i);
        }
        p.fitTest = fitTest.stream().mapToInt(Integer::intValue).toArray();
        p.evalTest = evalTest.stream().mapToInt(Integer::intValue).toArray();
        if (!missing.isEmpty() && p.fitTest.length == 0) {
            throw new IllegalArgumentException("the forget set holds classes " + p.forgottenClasses
                    + " that no retained or test example has, so no probe can learn to name them");
        }
        if (p.fitRetain.length + p.fitTest.length == 0) {
            throw new IllegalArgumentException("no retained examples to fit the probe on");
        }
        return p;
    }

    private static ProbeReadout readout(Layer model, ErasureTestData data, Plan plan, LinearProbe.Options options) {
        FeatureExtractor extractor = new FeatureExtractor(model);
        NDArray fitFeatures = extractor.features(data.retain, plan.fitRetain, data.inputShape);
        int[] fitLabels = data.retain.labels(plan.fitRetain);
        if (plan.fitTest.length > 0) {
            fitFeatures = NDArray.concat(0, fitFeatures, extractor.features(data.test, plan.fitTest, data.inputShape));
            fitLabels = concat(fitLabels, data.test.labels(plan.fitTest));
        }
        LinearProbe.Options fitOptions = options.copy();
        fitOptions.maxExamples = Math.max(options.maxExamples, fitLabels.length);
        LinearProbe probe = LinearProbe.fit(fitFeatures, fitLabels, data.classCount(), fitOptions);
        return new ProbeReadout(
                accuracy(probe, extractor, data.forget, all(data.forget.size()), data.inputShape),
                accuracy(probe, extractor, data.retain, plan.evalRetain, data.inputShape),
                accuracy(probe, extractor, data.test, plan.evalTest, data.inputShape),
                probe.trainAccuracy(), fitLabels.length);
    }

    private static double accuracy(LinearProbe probe, FeatureExtractor extractor, Dataset d, int[] rows, int[] shape) {
        if (rows.length == 0) {
            return Double.NaN;
        }
        return probe.accuracy(extractor.features(d, rows, shape), d.labels(rows));
    }

    private static int[] sorted(int[] a) {
        Arrays.sort(a);
        return a;
    }

    private static int[] all(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
