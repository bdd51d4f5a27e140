package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.data.TextCorpus;

class CanaryExperimentTest {

    @Test
    void exposureIsHighAfterTrainingAndFallsAfterExactDeletion(@TempDir Path tmp) throws Exception {
        CanaryExperiment.Options o = new CanaryExperiment.Options();
        o.documents = 300;
        o.repeats = 20;
        o.controls = 3;
        o.width = 16;
        o.heads = 2;
        o.training.epochs = 3;
        o.training.seed = 3;
        CanaryExperimentResult r = CanaryExperiment.run(TextCorpus.names(), tmp, o, null, null);

        CanaryExperimentResult.Secret canary = r.canaries.get(0);
        assertThat(canary.copies).isEqualTo(20);
        assertThat(r.deletion.exact()).isTrue();
        assertThat(r.deletion.removedIds()).hasSize(20);
        assertThat(r.exact()).isTrue();
        assertThat(canary.before.candidates).isEqualTo(10_000);
        // Trained on 20 copies for 3 epochs, the model ranks the true secret first of 10^4 (13.3 bits).
        assertThat(canary.before.rank).isEqualTo(1.0);
        assertThat(canary.before.exposure()).isEqualTo(canary.before.maxExposure());
        // After exact deletion the secret is one candidate among many (measured 2.1 bits; rank 2342): a rank
        // within the top 1% would be a leak.
        assertThat(canary.after.exposure()).isLessThan(Math.log(100) / Math.log(2));
        // The never-inserted controls are not exposed by either model.
        for (CanaryExperimentResult.Secret control : r.controls) {
            assertThat(control.copies).isZero();
            assertThat(control.before.exposure()).isLessThan(Math.log(100) / Math.log(2));
        }
        assertThat(org.lethe.io.JsonFiles.toMap(r.toSection()))
                .containsKeys("canaries", "controls", "mean_canary_exposure_before", "deletion");
        assertThat(r.toSection().canaries()).hasSize(r.canaries.size());
    }

    @Test
    void optionsThatCannotWorkAreRejected(@TempDir Path tmp) throws Exception {
        CanaryExperiment.Options o = new CanaryExperiment.Options();
        o.context = 8;
        assertThatThrownBy(() -> CanaryExperiment.run(TextCorpus.names(), tmp, o, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context of 8");
        CanaryExperiment.Options noTest = new CanaryExperiment.Options();
        noTest.testFraction = 0.0;
        assertThatThrownBy(() -> CanaryExperiment.run(TextCorpus.names(), tmp, noTest, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test fraction must be in (0, 1)");
        // 11 documents and a 1% test fraction leave no held-out position for the digits the names never use.
        CanaryExperiment.Options tiny = new CanaryExperiment.Options();
        tiny.documents = 10;
        tiny.repeats = 1;
        tiny.testFraction = 0.01;
        assertThatThrownBy(() -> CanaryExperiment.run(TextCorpus.names(), tmp, tiny, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("held-out document");
        assertThat(Files.exists(tmp.resolve("trained"))).isFalse();
    }
}
