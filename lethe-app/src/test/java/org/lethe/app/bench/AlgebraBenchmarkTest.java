package org.lethe.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lethe.io.JsonFiles;

class AlgebraBenchmarkTest {
    @Test
    void aTinyRunFillsEveryPartOfTheResult() throws Exception {
        AlgebraBenchmark.Settings s = new AlgebraBenchmark.Settings();
        s.pairs = 1;
        s.rebasinWidths = new int[] {784, 16, 16, 10};
        s.rebasinEpochs = 1;
        s.rebasinTrainLimit = 1000;
        s.rebasinTestLimit = 300;
        s.trainEvaluated = 200;
        s.activationExamples = 200;
        s.points = 5;
        s.keySeeds = 2;
        s.digitsWidths = new int[] {784, 16, 10};
        s.digitsTrain = 1000;
        s.digitsEpochs = 1;
        s.relearnSteps = 10;
        AlgebraBenchmarkResult r = AlgebraBenchmark.run(s, line -> { });

        assertThat(r.rebasin().pairs()).hasSize(1);
        assertThat(r.rebasin().pairs().get(0).paths()).extracting(AlgebraBenchmarkResult.Path::alignment)
                .containsExactly("none", "weights", "activations");
        assertThat(r.rebasin().pairs().get(0).paths().get(1).testLoss()).hasSize(5);
        assertThat(r.removal().seeds()).hasSize(2);
        assertThat(r.removal().summary()).hasSize(6);
        AlgebraBenchmarkResult.Edit weakest = r.removal().seeds().get(0).edits().get(5);
        assertThat(weakest.edit()).isEqualTo(KeyRemovalExperiment.WEAKEST);
        // Both rules find an edit in this run, and the weakest that removes is no stronger than the strongest allowed.
        assertThat(weakest.meetsRule()).isTrue();
        assertThat(weakest.lambda()).isLessThanOrEqualTo(r.removal().seeds().get(0).edits().get(2).lambda());
        assertThat(weakest.validationRetainRatio()).isGreaterThan(0);
        assertThat(r.removal().seeds().get(0).edits().get(0).perClassAccuracy()).hasSize(10);
        assertThat(r.removal().seeds().get(0).verdict()).matches("(suppression|erasure): .*");
        assertThat(r.insertion().summary()).hasSize(4);
        assertThat(r.insertion().cosine().n()).isEqualTo(2);
        String json = JsonFiles.line(r);
        assertThat(json).contains("\"test_loss_barrier\"", "\"removed_confusion\"", "\"interference\"");
    }
}
