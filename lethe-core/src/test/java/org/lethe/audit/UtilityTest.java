package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UtilityTest {

    @Test
    void accuracyCountsPerTrueClassWithTiesToTheLowestClass() {
        double[][] logits = {
            {2, 1, 0},   // predicts 0, label 0: right
            {0, 3, 1},   // predicts 1, label 1: right
            {5, 0, 5},   // tie 0/2 goes to 0, label 2: wrong
            {0, 0, 1},   // predicts 2, label 2: right
            {1, 0, 0},   // predicts 0, label 1: wrong
        };
        ClassAccuracy a = Utility.accuracy(logits, new int[] {0, 1, 2, 2, 1}, 4);
        assertThat(a.overall()).isEqualTo(3 / 5.0);
        assertThat(a.totals()).containsExactly(1, 2, 2, 0);
        assertThat(a.correct()).containsExactly(1, 1, 1, 0);
        double[] perClass = a.perClass();
        assertThat(perClass[0]).isEqualTo(1.0);
        assertThat(perClass[1]).isEqualTo(0.5);
        assertThat(perClass[2]).isEqualTo(0.5);
        assertThat(perClass[3]).isNaN();
        assertThat(a.toSection().perClass().toString()).isEqualTo("[1.0, 0.5, 0.5, null]");
        assertThat(Utility.accuracy(new double[0][], new int[0], 3).overall()).isNaN();
    }

    @Test
    void agreementComparesPredictedClassesOnly() {
        double[][] model = {{1, 0}, {0, 1}, {3, 2}, {0, 0}};
        double[][] reference = {{9, 0}, {1, 0}, {2, 1}, {0, -1}};
        // Rows 0, 2 and 3 (tie -> class 0) agree; row 1 does not.
        assertThat(Utility.agreement(model, reference)).isEqualTo(0.75);
        assertThat(Utility.agreement(model, model)).isEqualTo(1.0);
    }

    @Test
    void klDivergenceMatchesTheDefinitionAndIgnoresLogitShifts() {
        // reference softmax(ln 0.5, ln 0.25, ln 0.25) = (1/2, 1/4, 1/4); model (1/3, 1/3, 1/3).
        double[] ref = {Math.log(0.5), Math.log(0.25), Math.log(0.25)};
        double[] model = {7, 7, 7};
        double expected = 0.5 * Math.log(0.5 / (1 / 3.0)) + 2 * 0.25 * Math.log(0.25 / (1 / 3.0));
        assertThat(Utility.klDivergence(ref, model)).isCloseTo(expected, within(1e-15));
        double[] shifted = {ref[0] + 100, ref[1] + 100, ref[2] + 100};
        assertThat(Utility.klDivergence(shifted, model)).isCloseTo(expected, within(1e-13));
        assertThat(Utility.klDivergence(ref, ref)).isEqualTo(0.0);
        // KL is not symmetric: KL(uniform || ref) = ln(3/2)/3 ... differs from the value above.
        assertThat(Utility.klDivergence(model, ref)).isNotCloseTo(expected, within(1e-3));
        double mean = Utility.meanKlDivergence(new double[][] {ref, ref}, new double[][] {model, ref});
        assertThat(mean).isCloseTo(expected / 2, within(1e-15));
    }

    @Test
    void klDivergenceStaysFiniteWhenASoftmaxUnderflows() {
        // exp(-2000) underflows to 0 in double precision; log-softmax keeps the term finite and huge.
        double[] ref = {0, 0};
        double[] model = {0, -2000};
        double kl = Utility.klDivergence(ref, model);
        assertThat(kl).isFinite();
        assertThat(kl).isCloseTo(0.5 * Math.log(0.5) + 0.5 * (Math.log(0.5) + 2000) - 0.5 * Math.log(1.0), within(1e-9));
        assertThat(Utility.klDivergence(model, ref)).isCloseTo(Math.log(2), within(1e-12));
    }

    @Test
    void shapeMismatchesAreOneLineErrors() {
        assertThatThrownBy(() -> Utility.accuracy(new double[2][2], new int[3], 2))
                .hasMessage("accuracy: 2 rows of logits but 3 labels");
        assertThatThrownBy(() -> Utility.accuracy(new double[][] {{0, 1}}, new int[] {2}, 2))
                .hasMessageContaining("label 2 of row 0 is out of range for 2 classes");
        assertThatThrownBy(() -> Utility.agreement(new double[][] {{0, 1}}, new double[][] {{0, 1, 2}}))
                .hasMessageContaining("row 0 has 2 model logits but 3 reference logits");
        assertThatThrownBy(() -> Utility.klDivergence(new double[] {0, Double.NaN}, new double[] {0, 0}))
                .hasMessageContaining("finite");
    }
}
