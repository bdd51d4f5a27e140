package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.nn.Layer;
import org.lethe.tensor.NDArray;

class ShortRetrainTest {
    private static final DeletionMethod SHORT_RETRAIN = ShortRetrain.METHOD;

    @Test
    void isSeededAndKeepsTheModel() {
        // The fixture trained for 160 steps only; retraining from scratch needs about as many, so the length here
        // is the whole original training's (the memorising benchmark's 600 steps give 120 at the default).
        ForgetProblem p = UnlearningFixture.assertSeededAndHarmless(SHORT_RETRAIN, Map.of("steps_fraction", 1.0),
                0.9);
        int added = (Integer) p.figures().get("steps_added");
        assertThat(p.figures()).containsEntry("retrain_steps", p.originalSteps() + added).containsKey("head_scale");
    }

    @Test
    void calibratedHeadGivesTheOriginalsMedianValidationConfidence() {
        ForgetProblem p = UnlearningFixture.run(SHORT_RETRAIN, Map.of("seed", 3, "steps_fraction", 0.3));
        double original = medianConfidence(p, p.original());
        assertThat(medianConfidence(p, p.model())).isCloseTo(original, within(1e-6 * Math.abs(original)));
        // Without the calibration the retrained model's median differs (by little: the fixture's original is itself
        // briefly trained).
        ForgetProblem raw = UnlearningFixture.run(SHORT_RETRAIN,
                Map.of("seed", 3, "steps_fraction", 0.3, "calibrate", false));
        assertThat(raw.figures()).doesNotContainKey("head_scale");
        assertThat(Math.abs(medianConfidence(raw, raw.model()) - original)).isGreaterThan(0.01);
        assertThat((Double) p.figures().get("head_scale")).isNotCloseTo(1.0, within(1e-3));
    }

    @Test
    void leavesAModelThatMisclassifiesMostUnseenExamplesUnscaled() {
        ForgetProblem p = UnlearningFixture.run(SHORT_RETRAIN, Map.of("seed", 3, "steps_fraction", 0.01,
                "keep_accuracy", 0.0));
        assertThat(medianConfidence(p, p.model())).isLessThanOrEqualTo(0.0);
        assertThat(p.figures()).containsEntry("head_scale", 1.0);
    }

    @Test
    void confidenceIsTheLogOddsOfTheTrueLabel() {
        double[] logits = {2.0, -1.0, 0.5};
        double total = Math.exp(2.0) + Math.exp(-1.0) + Math.exp(0.5);
        double py = Math.exp(0.5) / total;
        assertThat(ConfidenceCalibration.confidence(logits, 2, 1.0)).isCloseTo(Math.log(py / (1 - py)),
                within(1e-12));
        double scaled = Math.exp(1.0) / (Math.exp(1.0) + Math.exp(-2.0) + Math.exp(4.0));
        assertThat(ConfidenceCalibration.confidence(logits, 2, 2.0)).isCloseTo(Math.log(scaled / (1 - scaled)),
                within(1e-12));
    }

    @Test
    void withoutShrinkTheStartIsTheScaledFreshModel() {
        // A rate too small to move anything and no calibration: the weights are 0.6 of the fresh initialisation's.
        ForgetProblem p = UnlearningFixture.run(SHORT_RETRAIN, Map.of("seed", 4, "learning_rate", 1e-300,
                "calibrate", false, "steps_fraction", 0.01, "noise", 0.6, "keep_accuracy", 0.0));
        var fresh = ((org.lethe.nn.Module) p.freshModel(0)).namedParameters();
        ((org.lethe.nn.Module) p.model()).namedParameters().forEach((name, t) ->
                assertThat(t.value().toDoubles()).as(name).usingComparatorWithPrecision(1e-12)
                        .containsExactly(fresh.get(name).value().mul(0.6).toDoubles()));
    }

    @Test
    void tooShortARetrainingTrainsOnUntilValidationAccuracyIsKept() {
        Map<String, Object> brief = Map.of("seed", 3, "steps_fraction", 0.01, "calibrate", false);
        ForgetProblem stopped = UnlearningFixture.run(SHORT_RETRAIN, withKeep(brief, 0.0));
        ForgetProblem extended = UnlearningFixture.run(SHORT_RETRAIN, withKeep(brief, 0.95));
        double original = extended.accuracy(extended.original(), extended.heldOutTask(), extended.validation());
        assertThat(stopped.accuracy(stopped.model(), stopped.heldOutTask(), stopped.validation()))
                .isLessThan(0.95 * original);
        assertThat(stopped.figures()).containsEntry("steps_added", 0);
        int added = (Integer) extended.figures().get("steps_added");
        assertThat(added).isPositive().isLessThanOrEqualTo(extended.stepsFor(0.3));
        assertThat(extended.figures()).containsEntry("retrain_steps", extended.stepsFor(0.01) + added);
        assertThat(extended.accuracy(extended.model(), extended.heldOutTask(), extended.validation()))
                .isGreaterThanOrEqualTo(0.95 * original);
        assertThat(extended.figures()).containsEntry("keep_accuracy_met", true);
    }

    private static Map<String, Object> withKeep(Map<String, Object> settings, double keep) {
        Map<String, Object> out = new java.util.HashMap<>(settings);
        out.put("keep_accuracy", keep);
        return out;
    }

    @Test
    void refusesAnAnnealFractionOutsideZeroToOne() {
        assertThatThrownBy(() -> UnlearningFixture.run(SHORT_RETRAIN, Map.of("anneal_fraction", 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anneal_fraction");
    }

    private static double medianConfidence(ForgetProblem p, Layer which) {
        int[] examples = p.validation();
        int[] labels = p.heldOut().labels(examples);
        NDArray logits = p.logits(which, p.heldOutTask(), examples);
        int classes = logits.dim(1);
        double[] flat = logits.toDoubles();
        double[] c = new double[examples.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = ConfidenceCalibration.confidence(Arrays.copyOfRange(flat, i * classes, (i + 1) * classes),
                    labels[i], 1.0);
        }
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }
}
