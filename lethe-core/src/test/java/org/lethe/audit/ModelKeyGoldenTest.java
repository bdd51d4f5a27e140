package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.io.JsonFiles;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;

/**
 * Cached comparison models are found by the hash of their key: these hashes and the entry's key.json were computed
 * by the code before the key was a record, and must not change unless the cache format is bumped on purpose.
 */
class ModelKeyGoldenTest {
    @TempDir
    Path tmp;

    @Test
    void keysHashAndAreWrittenAsBefore() throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.2, 7, 5, null).without(List.of("digits-0", "digits-5"));
        ModelRecipe trained = ModelRecipe.trained(ModelSpec.mlp(784, 16, 10), TrainConfig.defaultsFor("mlp"), data,
                11, true);
        DeletionMethod amnesiac = DeletionMethods.find("amnesiac").orElseThrow();
        ModelRecipe unlearned = ModelRecipe.unlearned(trained, amnesiac, amnesiac.defaults(),
                List.of("digits-9", "digits-3"));
        assertThat(trained.hash()).isEqualTo("95bef64d3328f1833778d5c2ad579f018064c1747f145bbba3ead4150350bf05");
        // Amnesiac's repair_accuracy (added with a default of 0.95) is among its settings, so in the key.
        assertThat(unlearned.hash()).isEqualTo("475d1444fea3f1f5c60cd252eae2599ff02142eba00bdb57dec3369ea6e31c79");
        Path file = tmp.resolve(ModelCache.KEY);
        JsonFiles.write(file, new CacheEntryInfo(unlearned.hash(), 2.5, unlearned.key()));
        String golden;
        try (var in = getClass().getResourceAsStream("golden/cache-key.json")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(golden);
        assertThat(JsonFiles.read(file, CacheEntryInfo.class, false).buildSeconds()).isEqualTo(2.5);
    }
}
