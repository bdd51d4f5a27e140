package org.lethe.app.cli.forget;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;
import org.lethe.io.JsonFiles;
import org.lethe.store.DeletionRecord;
import org.lethe.train.PreparedData;

/** Approximate deletion from a model file with no run behind it (here one imported from PyTorch). */
class ForgetModelFileTest {
    private static Path imported(Path tmp) {
        Path fixture = Path.of("..", "lethe-core", "src", "test", "resources", "org", "lethe", "train", "torch",
                "mlp.safetensors");
        Path model = tmp.resolve("torch.safetensors");
        Cli.ok("import", "--from", "torch", "--weights", fixture.toString(), "--arch", "mlp:784,32,16,10", "--data",
                "digits", "--out", model.toString());
        return model;
    }

    @Test
    void aWholeClassIsForgottenFromTheTrainingPartOfTheGivenData(@TempDir Path tmp) throws Exception {
        Path model = imported(tmp);
        Cli.ok("forget", "--model", model.toString(), "--data", "digits", "--test-fraction", "0.5", "--class", "3",
                "--method", "finetune", "--param", "steps_fraction=0.02", "--param", "seed=4");
        Path next = tmp.resolve("torch-v2.safetensors");
        assertThat(next).exists();
        DeletionRecord record = JsonFiles.read(tmp.resolve("torch-v2.deletion.json"), DeletionRecord.class);
        PreparedData data = PreparedData.prepare("digits", 0.5, 0, 0, null);
        long threes = java.util.stream.IntStream.range(0, data.trainDataset().size())
                .filter(i -> data.trainDataset().label(i) == 3).count();
        assertThat(record.removedIds()).hasSize((int) threes);
        assertThat(record.parameters()).containsEntry("seed", 4);
        assertThat(record.hashAfter()).isNotEqualTo(record.hashBefore());
        assertThat(Cli.ok("info", "--model", next.toString()).out).contains("784");
    }

    @Test
    void withoutDataOrWithAHeldOutExampleItIsAUsageErrorAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path model = imported(tmp);
        Cli.Result noData = Cli.run("forget", "--model", model.toString(), "--class", "3", "--method", "finetune");
        assertThat(noData.exitCode).isEqualTo(2);
        assertThat(noData.err).contains("give the data it was trained on with --data");
        String heldOut = PreparedData.prepare("digits", 0.5, 0, 0, null).test.id(0);
        Cli.Result bad = Cli.run("forget", "--model", model.toString(), "--data", "digits", "--test-fraction", "0.5",
                "--ids", heldOut, "--method", "finetune");
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err).contains("is not among the training examples");
        Cli.Result exact = Cli.run("forget", "--model", model.toString(), "--data", "digits", "--class", "3",
                "--method", "replay");
        assertThat(exact.exitCode).isEqualTo(2);
        assertThat(exact.err).contains("approximate methods only");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("-v2"));
        }
    }
}
