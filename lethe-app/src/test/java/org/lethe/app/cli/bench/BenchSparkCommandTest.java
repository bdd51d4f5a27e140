package org.lethe.app.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lethe.app.cli.Cli;

class BenchSparkCommandTest {
    @Test
    void withoutTheSparkModuleItIsAOneLineUsageError() {
        Cli.Result r = Cli.run("bench", "spark", "--shards", "2");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(1);
        assertThat(r.err).contains("lethe-spark/bin/lethe-spark bench spark");
    }
}
