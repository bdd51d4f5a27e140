package org.lethe.app.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;

/**
 * Training refuses, before writing anything, SISA ensembles with empty shards or checkpoints beyond the disk limit;
 * command-line mistakes (no shards, --resume with other settings) are usage errors with exit code 2.
 */
class TrainLimitsTest {
    @Test
    void sisaConfigurationsThatWouldWasteDiskAreRefusedBeforeTraining(@TempDir Path tmp) {
        Path out = tmp.resolve("sisa");
        Cli.Result zero = Cli.run("train", "--sisa", "--data", "digits", "--shards", "0", "--out", out.toString());
        assertThat(zero.exitCode).isEqualTo(2);
        assertThat(zero.err).contains("--shards, --slices and --epochs-per-slice must be at least 1");

        Cli.Result empty = Cli.run("train", "--sisa", "--data", "digits", "--subjects-per", "20", "--shards", "1000",
                "--out", out.toString());
        assertThat(empty.exitCode).isEqualTo(2);
        assertThat(empty.err).containsPattern("\\d+ of 1000 shards would hold no training data");

        Cli.Result big = Cli.run("train", "--sisa", "--data", "digits", "--slices", "5000", "--out", out.toString());
        assertThat(big.exitCode).isEqualTo(2);
        assertThat(big.err).contains("8 shards x 5000 slices keep 40000 checkpoints")
                .contains("--max-checkpoint-gb raises it");
        for (Cli.Result r : new Cli.Result[] {zero, empty, big}) {
            assertThat(r.errLines()).hasSize(1);
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void resumingWithOtherSettingsIsAUsageError(@TempDir Path tmp) {
        Path run = tmp.resolve("run");
        Cli.ok("train", "--data", "digits", "--hidden", "4", "--epochs", "1", "--test-fraction", "0.95",
                "--stop-after", "2", "--out", run.toString());
        Cli.Result other = Cli.run("train", "--data", "digits", "--hidden", "8", "--epochs", "1", "--test-fraction",
                "0.95", "--out", run.toString(), "--resume");
        assertThat(other.exitCode).isEqualTo(2);
        assertThat(other.err).contains("was trained with other settings");
    }
}
