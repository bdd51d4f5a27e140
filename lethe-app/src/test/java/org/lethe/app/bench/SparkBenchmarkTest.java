package org.lethe.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.exec.ClosableJobRunner;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;
import org.lethe.exec.LocalJobRunner;
import org.lethe.io.JsonFiles;

class SparkBenchmarkTest {
    /** Stands in for the clusters: a local runner of one thread per worker, counting what it ran. */
    private static final class LocalClusters implements SparkBenchmark.Clusters {
        final List<Integer> opened = new ArrayList<>();
        int closed;
        int jobs;

        @Override
        public ClosableJobRunner open(int workers) {
            opened.add(workers);
            LocalJobRunner local = new LocalJobRunner(workers);
            return new ClosableJobRunner() {
                @Override
                public <R> List<R> runAll(List<? extends Job<R>> batch, JobEnvironment environment) throws Exception {
                    jobs += batch.size();
                    return local.runAll(batch, environment);
                }

                @Override
                public void close() {
                    closed++;
                }
            };
        }

        @Override
        public String describe(int workers) {
            return workers + " local thread(s)";
        }
    }

    @Test
    void aTinyConfigurationRunsEveryCaseOnItsClusterWithIdenticalWeightsAndRatios(@TempDir Path tmp) throws Exception {
        SparkBenchmark.Settings s = new SparkBenchmark.Settings();
        s.data = "digits";
        s.sisa.shards = 2;
        s.sisa.slices = 1;
        s.sisa.epochsPerSlice = 1;
        s.sisa.hidden = 8;
        s.references = 2;
        s.localThreads = 2;
        s.repeats = 2;
        LocalClusters clusters = new LocalClusters();

        SparkBenchmarkResult r = SparkBenchmark.run(s, tmp, clusters, line -> { });

        assertThat(clusters.opened).containsExactly(1, 2);
        assertThat(clusters.closed).isEqualTo(2);
        assertThat(clusters.jobs).as("SISA shards and audit models ran on the clusters").isPositive();
        assertThat(r.cases()).extracting(SparkBenchmarkResult.Case::name).containsExactly("local", "cluster-1", "cluster-2");
        assertThat(r.cases()).allSatisfy(c -> {
            assertThat(c.coldSisaSeconds()).isPositive();
            assertThat(c.warmUpSeconds()).isPositive();
            assertThat(c.sisaRuns()).hasSize(2).allSatisfy(t -> assertThat(t).isPositive());
            assertThat(c.sisaSeconds()).isEqualTo(SparkBenchmark.median(c.sisaRuns()));
            assertThat(c.auditSeconds()).isPositive();
            assertThat(c.modelsBuilt()).isEqualTo(2);
        });
        assertThat(r.identical()).isTrue();
        SparkBenchmarkResult.Case local = r.cases().get(0);
        SparkBenchmarkResult.Case two = r.cases().get(2);
        assertThat(r.sisaOverhead()).isCloseTo(two.sisaSeconds() / local.sisaSeconds() - 1, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(r.sisaScaling()).isPositive();
        assertThat(r.coldSisaOverhead()).isCloseTo(two.coldSisaSeconds() / local.coldSisaSeconds() - 1,
                org.assertj.core.data.Offset.offset(1e-3));
        assertThat(JsonFiles.line(r)).contains("\"sisa_overhead\"").contains("\"references_hash\"");
    }

    @Test
    void theSteadyStateFigureIsTheMedianOfTheRuns() {
        assertThat(SparkBenchmark.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(SparkBenchmark.median(List.of(4.0, 1.0))).isEqualTo(2.5);
    }

    @Test
    void differentWeightsInOneCaseAreReported() {
        SparkBenchmarkResult.Case local = new SparkBenchmarkResult.Case("local", "l", 0, 0, 2, 1, List.of(2.0), 2, "a",
                4, 2, "r");
        SparkBenchmarkResult.Case one = new SparkBenchmarkResult.Case("cluster-1", "c", 1, 1, 8, 1, List.of(4.0), 4,
                "a", 8, 2, "r");
        SparkBenchmarkResult.Case two = new SparkBenchmarkResult.Case("cluster-2", "c", 2, 1, 4, 1, List.of(2.5), 2.5,
                "a", 5, 2, "other");
        SparkBenchmarkResult r = SparkBenchmarkResult.of("digits", 1, "m", 2, 1, 1, 2, 1, 3, List.of(local, one, two));
        assertThat(r.identical()).isFalse();
        assertThat(r.sisaOverhead()).isEqualTo(0.25);
        assertThat(r.sisaScaling()).isEqualTo(1.6);
        assertThat(r.auditScaling()).isEqualTo(1.6);
        assertThat(r.coldSisaOverhead()).isEqualTo(1.0);
        assertThat(r.coldSisaScaling()).isEqualTo(2.0);
    }
}
