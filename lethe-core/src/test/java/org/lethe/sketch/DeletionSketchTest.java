package org.lethe.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.nn.Module;
import org.lethe.tensor.Real64;

class DeletionSketchTest {
    private static MicroGptExperiment tiny;
    private static int[] deleted;

    /** The reference experiment cut to its first 40 shuffled names; D = the two of them with an x. */
    @BeforeAll
    static void tinyExperiment() throws Exception {
        tiny = MicroGptExperiment.of(MicroGptExperiment.names().shuffledDocuments().subList(0, 40));
        deleted = tiny.deletionSet();
        assertThat(deleted).hasSize(2);
    }

    private static double retrained(double w) {
        return tiny.measurement().evaluate(tiny.train(Real64.INSTANCE,
                LossWeights.deleting(deleted, tiny.exampleCount(), w), null)).item();
    }

    @Test
    void exactDirectionPartialSumsConvergeToTheRetrainedLoss() {
        TaylorSeries series = DeletionSketch.exactDirection(tiny, deleted, 8, tiny.measurement(), null);
        assertThat(series.re(0)).isEqualTo(retrained(0.0));
        double w = 0.5;
        double truth = retrained(w);
        double[] error = new double[9];
        for (int k = 1; k <= 8; k++) {
            error[k] = Math.abs(series.partialSum(k, w) - truth);
        }
        assertThat(error[1]).as("degree 1 misses the curvature").isGreaterThan(1e-3);
        assertThat(error[8]).isLessThan(error[1] * 1e-3);
        double worstHigh = Math.max(Math.max(error[5], error[6]), Math.max(error[7], error[8]));
        assertThat(worstHigh).isLessThan(Math.min(error[1], error[2]) / 10);
        // Real data and a real direction keep every coefficient real.
        for (int r = 0; r <= 8; r++) {
            assertThat(series.im(r)).isZero();
        }
    }

    @Test
    void firstCoefficientIsTheDerivativeOfTheRetrainedLoss() {
        TaylorSeries series = DeletionSketch.exactDirection(tiny, deleted, 1, tiny.measurement(), null);
        double h = 1e-5;
        double numeric = (retrained(h) - retrained(-h)) / (2 * h);
        assertThat(series.re(1)).isCloseTo(numeric, Offset.offset(1e-6 * Math.abs(numeric)));
    }

    @Test
    void sketchIsUnbiasedForAClosedFormTraining() throws Exception {
        QuadraticTraining q = new QuadraticTraining(12, 3, 7);
        int[] d = {1, 4, 5, 9};
        double[] t = q.terms(d);
        TaylorSeries exact = DeletionSketch.exactDirection(q, d, 3, q.squaredNorm(), null);
        assertThat(exact.re(0)).isCloseTo(t[0], Offset.offset(1e-12));
        assertThat(exact.re(1)).isCloseTo(t[1], Offset.offset(1e-12));
        assertThat(exact.re(2)).isCloseTo(t[2], Offset.offset(1e-12));
        assertThat(exact.re(3)).isZero();

        DeletionSketch small = DeletionSketch.builder(q).directions(40).order(2).seed(3).measure(q.squaredNorm()).build();
        DeletionSketch large = DeletionSketch.builder(q).directions(4000).order(2).seed(3).measure(q.squaredNorm()).build();
        SketchPrediction few = small.predict("|p|^2", d, 1.0, 5);
        SketchPrediction many = large.predict("|p|^2", d, 1.0, 20);
        double truth = t[0] + t[1] + t[2];
        for (int r = 1; r <= 2; r++) {
            assertThat(Math.abs(many.term(r) - t[r])).as("term %d within 4 standard errors", r)
                    .isLessThan(4 * many.termStandardError(r));
        }
        assertThat(Math.abs(many.estimate() - truth)).isLessThan(4 * many.standardError());
        assertThat(Math.abs(few.estimate() - truth)).isLessThan(4 * few.standardError());
        // The error shrinks like 1/sqrt(m): 100 times the directions, about a tenth of the standard error.
        assertThat(many.standardError()).isBetween(few.standardError() / 20, few.standardError() / 5);
        assertThat(Math.abs(many.estimate() - truth)).isLessThan(Math.abs(few.estimate() - truth));
        assertThat(Math.abs(many.medianOfMeans() - truth)).isLessThan(4 * many.standardError());
        // Partial deletion scales term r by w^r.
        SketchPrediction half = large.predict("|p|^2", d, 0.5, 20);
        assertThat(half.term(1)).isCloseTo(many.term(1) / 2, Offset.offset(1e-12));
        assertThat(half.term(2)).isCloseTo(many.term(2) / 4, Offset.offset(1e-12));
    }

    @Test
    void sketchIsUnbiasedForACubicMeasurement() throws Exception {
        QuadraticTraining q = new QuadraticTraining(10, 2, 21);
        int[] d = {0, 2, 3, 7, 8};
        double[] t = q.cubicTerms(d);
        TaylorSeries exact = DeletionSketch.exactDirection(q, d, 4, q.cubedSum(), null);
        for (int r = 0; r <= 3; r++) {
            assertThat(exact.re(r)).isCloseTo(t[r], Offset.offset(1e-10 * (1 + Math.abs(t[r]))));
        }
        assertThat(exact.re(4)).isCloseTo(0.0, Offset.offset(1e-10));
        SketchPrediction p = DeletionSketch.builder(q).directions(6000).order(3).seed(8).measure(q.cubedSum()).build()
                .predict("(sum p)^3", d, 1.0, 10);
        for (int r = 1; r <= 3; r++) {
            assertThat(Math.abs(p.term(r) - t[r])).as("term %d: %f vs %f +- %f", r, p.term(r), t[r], p.termStandardError(r))
                    .isLessThan(4 * p.termStandardError(r));
            assertThat(p.termStandardError(r)).as("term %d is estimated, not exact", r).isGreaterThan(0);
        }
    }

    @Test
    void sketchOfTheTransformerApproachesTheExactPartialSumAsDirectionsGrow() throws Exception {
        TaylorSeries exact = DeletionSketch.exactDirection(tiny, deleted, 2, tiny.measurement(), null);
        double target = exact.partialSum(2, 1.0);
        DeletionSketch few = DeletionSketch.builder(tiny).directions(8).order(2).seed(11).measure(tiny.measurement()).build();
        DeletionSketch many = DeletionSketch.builder(tiny).directions(128).order(2).seed(11).measure(tiny.measurement()).build();
        SketchPrediction p8 = few.predict(tiny.measurement().name(), deleted, 1.0, 2);
        SketchPrediction p128 = many.predict(tiny.measurement().name(), deleted, 1.0, 8);
        assertThat(p128.estimate(0)).isCloseTo(exact.re(0), Offset.offset(1e-12));
        assertThat(Math.abs(p128.estimate() - target)).isLessThan(Math.abs(p8.estimate() - target));
        assertThat(Math.abs(p128.estimate() - target)).isLessThan(3 * p128.standardError());
        assertThat(p128.standardError()).isLessThan(p8.standardError());
    }

    @Test
    void storedSketchReopensAndEvaluatesNewMeasurementsFromItsParameters(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("sketch");
        DeletionSketch built = DeletionSketch.builder(tiny).directions(3).order(2).seed(5).threads(2)
                .measure(tiny.measurement()).output(dir).source(new SketchSource("test", null, null, null, null, null, null, null)).build();
        DeletionSketch opened = DeletionSketch.open(dir);
        assertThat(opened.exampleCount()).isEqualTo(40);
        assertThat(opened.order()).isEqualTo(2);
        assertThat(opened.directionCount()).isEqualTo(3);
        assertThat(opened.seed()).isEqualTo(5);
        assertThat(opened.hasParameters()).isTrue();
        assertThat(opened.source().kind()).isEqualTo("test");
        assertThat(opened.measurementNames()).containsExactly("text:max");
        TaylorSeries[] stored = opened.coefficients("text:max");
        TaylorSeries[] original = built.coefficients("text:max");
        for (int j = 0; j < 3; j++) {
            assertThat(stored[j].realParts()).isEqualTo(original[j].realParts());
            assertThat(stored[j].imaginaryParts()).isEqualTo(original[j].imaginaryParts());
        }
        // A measurement not named at build time, evaluated on the stored parameters, equals a fresh evaluation.
        Measurement ann = new Measurement() {
            @Override
            public String name() {
                return "text:ann";
            }

            @Override
            public org.lethe.tensor.NDArray evaluate(Module model) {
                return tiny.loss((org.lethe.nn.Gpt) model, "ann");
            }
        };
        TaylorSeries[] fromFiles = opened.coefficients(ann, tiny);
        Module direction1 = tiny.train(org.lethe.tensor.Series.of(2), opened.direction(1).lossWeights(), null);
        assertThat(fromFiles[1].realParts()).isEqualTo(TaylorSeries.of(ann.evaluate(direction1)).realParts());
        assertThat(fromFiles[1].imaginaryParts()).isEqualTo(TaylorSeries.of(ann.evaluate(direction1)).imaginaryParts());
        assertThat(opened.predict("text:max", deleted, 1.0, 3).estimate())
                .isEqualTo(built.predict("text:max", deleted, 1.0, 3).estimate());
        assertThatThrownBy(() -> DeletionSketch.builder(tiny).directions(1).output(dir).build())
                .hasMessageContaining("already holds a sketch");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        QuadraticTraining q = new QuadraticTraining(9, 2, 1);
        TaylorSeries[] one = DeletionSketch.builder(q).directions(12).order(3).seed(2).threads(1)
                .measure(q.squaredNorm()).build().coefficients("|p|^2");
        TaylorSeries[] two = DeletionSketch.builder(q).directions(12).order(3).seed(2).threads(2)
                .measure(q.squaredNorm()).build().coefficients("|p|^2");
        for (int j = 0; j < 12; j++) {
            assertThat(two[j].realParts()).isEqualTo(one[j].realParts());
            assertThat(two[j].imaginaryParts()).isEqualTo(one[j].imaginaryParts());
        }
    }

    @Test
    void directionsAreUnitComplexVectorsRegeneratedFromTheSeed() {
        SketchDirection a = SketchDirection.of(9, 4, 50);
        SketchDirection b = SketchDirection.of(9, 4, 50);
        SketchDirection c = SketchDirection.of(9, 5, 50);
        assertThat(a.re()).isEqualTo(b.re());
        assertThat(a.im()).isEqualTo(b.im());
        assertThat(a.re()).isNotEqualTo(c.re());
        double norm = 0;
        for (int i = 0; i < 50; i++) {
            norm += a.re()[i] * a.re()[i] + a.im()[i] * a.im()[i];
        }
        assertThat(norm).isCloseTo(1.0, Offset.offset(1e-12));
        double[] s = a.conjugateSum(new int[] {3, 7});
        assertThat(s[0]).isEqualTo(a.re()[3] + a.re()[7]);
        assertThat(s[1]).isEqualTo(-a.im()[3] - a.im()[7]);
        assertThatThrownBy(() -> a.conjugateSum(new int[] {3, 3})).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> a.conjugateSum(new int[] {50})).hasMessageContaining("outside the 50");
    }

    @Test
    void estimatorStatistics() {
        assertThat(SketchEstimator.multisetCount(1000, 0)).isEqualTo(1.0);
        assertThat(SketchEstimator.multisetCount(1000, 1)).isEqualTo(1000.0);
        assertThat(SketchEstimator.multisetCount(1000, 3)).isEqualTo(1002.0 * 1001 * 1000 / 6);
        double[] x = {1, 2, 3, 4, 100, 5};
        assertThat(SketchEstimator.medianOfMeans(x, 3)).isEqualTo(3.5);
        assertThat(SketchEstimator.medianOfMeans(x, 2)).isEqualTo((2 + 109 / 3.0) / 2);
        assertThat(SketchEstimator.standardError(new double[] {1, 3})).isCloseTo(1.0, Offset.offset(1e-15));
        assertThatThrownBy(() -> SketchEstimator.predict("m", new TaylorSeries[] {new TaylorSeries(new double[] {1},
                new double[] {0})}, new double[][] {{0, 0}}, 5, 1.0, 2)).hasMessageContaining("1 to 1 groups");
    }
}
