package org.lethe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.exec.ClosableJobRunner;
import org.lethe.sketch.MicroGptExperiment;
import org.lethe.sketch.MicroGptReproduction;

/** The reference experiment's weighted retrainings and sketch directions as Spark tasks give the local runner's. */
class MicroGptReproductionOnSparkTest {
    private static final List<String> NAMES = List.of("anna", "max", "xavi", "emma", "alex", "noah", "mia", "rex",
            "liam", "ava", "felix", "zoe", "owen", "lucy", "max", "roxy", "ella", "jack", "maxim", "ivy");

    private static MicroGptReproduction.Result reproduce(Path sketch, ClosableJobRunner runner) throws Exception {
        MicroGptReproduction.Settings s = new MicroGptReproduction.Settings();
        s.directions = 3;
        s.order = 1;
        s.exactOrder = 1;
        s.groups = 3;
        s.threads = 2;
        s.weights = new double[] {0.0, 0.5, 1.0};
        s.sketchDirectory = sketch;
        s.keepParameters = false;
        s.runner = runner;
        return MicroGptReproduction.run(MicroGptExperiment.of(NAMES), s, null);
    }

    @Test
    void retrainingsAndSketchEqualTheLocalRunnersBitForBit(@TempDir Path tmp) throws Exception {
        MicroGptReproduction.Result local = reproduce(tmp.resolve("local"), null);
        MicroGptReproduction.Result remote;
        try (ClosableJobRunner spark = SparkRunners.local()) {
            remote = reproduce(tmp.resolve("spark"), spark);
        }
        assertThat(local.deleted).isNotEmpty();
        assertThat(remote.retrained).containsExactly(local.retrained);
        for (int i = 0; i < local.sketch.length; i++) {
            assertThat(remote.sketch[i].estimate()).as("sketch at w = " + local.weights[i])
                    .isEqualTo(local.sketch[i].estimate());
        }
    }
}
