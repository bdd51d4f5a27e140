package org.lethe.app.cli.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;
import org.lethe.exec.JobRunner;
import org.lethe.exec.LocalJobRunner;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;

/** A SISA training that fails part-way removes what it wrote, and one that succeeds keeps it. */
class SisaTrainCleanupTest {
    @TempDir
    Path tmp;

    /** Runs the first shard job for real (it writes checkpoints), then fails as a full disk would. */
    private static final class FailsAfterOneJob implements JobRunner {
        final AtomicInteger ran = new AtomicInteger();

        @Override
        public <R> List<R> runAll(List<? extends Job<R>> jobs, JobEnvironment environment) throws Exception {
            new LocalJobRunner(1).runAll(jobs.subList(0, 1), environment);
            ran.incrementAndGet();
            throw new IOException("No space left on device");
        }
    }

    private static TrainConfig config() {
        TrainConfig c = new TrainConfig();
        c.epochs = 1;
        c.batchSize = 32;
        c.seed = 5;
        return c;
    }

    private static PreparedData data() throws IOException {
        return PreparedData.prepare("digits", 0.9, 5, 20, null);
    }

    @Test
    void aFailedTrainingRemovesItsDirectory() throws Exception {
        Path dir = tmp.resolve("sisa");
        FailsAfterOneJob runner = new FailsAfterOneJob();
        PrintWriter out = new PrintWriter(new StringWriter());
        assertThatThrownBy(() -> SisaTrainSession.run(out, true, dir, ModelSpec.mlp(784, 8, 10), config(), data(),
                2, 2, 1, "mean", runner)).hasMessageContaining("No space left");
        assertThat(runner.ran.get()).isEqualTo(1);
        assertThat(dir).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFinishedTrainingKeepsIt() throws Exception {
        Path dir = tmp.resolve("sisa");
        StringWriter text = new StringWriter();
        SisaTrainSession.run(new PrintWriter(text), true, dir, ModelSpec.mlp(784, 8, 10), config(), data(), 2, 2, 1,
                "mean", new LocalJobRunner(2));
        assertThat(dir).isDirectory();
        assertThat(text.toString()).contains("\"kind\" : \"sisa\"");
    }
}
