package org.lethe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerOptionTest {
    @Test
    void theSparkRunnerWithoutItsModuleIsAOneLineUsageError(@TempDir Path tmp) {
        Cli.Result r = Cli.run("train", "--sisa", "--data", "digits", "--shards", "2", "--slices", "1",
                "--out", tmp.resolve("s").toString(), "--runner", "spark", "--master", "local[2]");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(1);
        assertThat(r.err).contains("no job runner 'spark'").contains("lethe-spark");
        Cli.Result reproduce = Cli.run("sketch", "reproduce", "--sketches", "2", "--out", tmp.resolve("r").toString(),
                "--runner", "spark", "--master", "local[2]");
        assertThat(reproduce.exitCode).isEqualTo(2);
        assertThat(reproduce.err).contains("no job runner 'spark'");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void aMasterForTheLocalRunnerAndARunnerForASingleRunAreUsageErrors(@TempDir Path tmp) {
        Cli.Result master = Cli.run("train", "--sisa", "--data", "digits", "--shards", "2", "--slices", "1",
                "--out", tmp.resolve("s").toString(), "--master", "local[2]");
        assertThat(master.exitCode).isEqualTo(2);
        assertThat(master.err).contains("--master is for a cluster runner");
        Cli.Result single = Cli.run("train", "--data", "digits", "--out", tmp.resolve("r").toString(),
                "--runner", "spark");
        assertThat(single.exitCode).isEqualTo(2);
        assertThat(single.err).contains("--runner is for --sisa");
    }
}
