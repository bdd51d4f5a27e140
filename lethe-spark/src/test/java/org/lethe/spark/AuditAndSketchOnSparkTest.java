package org.lethe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.audit.AuditResult;
import org.lethe.audit.AuditRunner;
import org.lethe.audit.json.AuditDocument;
import org.lethe.exec.ClosableJobRunner;
import org.lethe.sketch.DeletionSketch;
import org.lethe.sketch.Measurement;
import org.lethe.sketch.TaylorSeries;
import org.lethe.sketch.TrainingRunReplay;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.AmnesiacUnlearner;
import org.lethe.unlearn.DeletionRequest;

/** An audit's comparison models and a sketch's directions as Spark tasks give what the local runner gives. */
class AuditAndSketchOnSparkTest {
    private static ClosableJobRunner spark;

    @BeforeAll
    static void start() {
        spark = SparkRunners.local();
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    private static TrainingRun train(Path dir, boolean recordUpdates, String algebra) throws Exception {
        TrainConfig c = new TrainConfig();
        c.epochs = 2;
        c.batchSize = 50;
        c.seed = 8;
        c.learningRate = 0.1;
        c.recordUpdates = recordUpdates;
        c.algebra = algebra;
        TrainingRun run = TrainingRun.create(dir, ModelSpec.mlp(784, 8, 10), c,
                PreparedData.prepare("digits", 0.95, 5, 10, null));
        run.train(new Trainer.Listener() { });
        return run;
    }

    private static AuditResult audit(Path model, Path cache, ClosableJobRunner runner) throws Exception {
        AuditRunner.Settings s = new AuditRunner.Settings();
        s.model = model;
        s.retrain = 2;
        s.cache = cache;
        s.threads = 2;
        s.baselineRepeats = 1;
        s.runner = runner;
        return AuditRunner.run(s);
    }

    @Test
    void anAmnesiacAuditsReferencesAndUnlearnedModelsEqualTheLocalRunners(@TempDir Path tmp) throws Exception {
        TrainingRun run = train(tmp.resolve("model"), true, "f32");
        new AmnesiacUnlearner(2).forget(tmp.resolve("model"),
                DeletionRequest.ofSubjects(List.of(run.data.train.subject(0))), tmp.resolve("model-v2"));
        AuditResult local = audit(tmp.resolve("model-v2"), tmp.resolve("cache-local"), null);
        AuditResult remote = audit(tmp.resolve("model-v2"), tmp.resolve("cache-spark"), spark);

        AuditDocument l = local.document();
        AuditDocument r = remote.document();
        assertThat(r.method()).isEqualTo("amnesiac");
        assertThat(r.utility()).isEqualTo(l.utility());
        assertThat(r.membershipInference()).isEqualTo(l.membershipInference());
        assertThat(r.forgetQuality()).isEqualTo(l.forgetQuality());
        assertThat(r.models().reference().seeds()).isEqualTo(l.models().reference().seeds());
        // Two references, two originals and their two deletions: counted in the executors, reported back.
        assertThat(remote.modelsBuilt()).isEqualTo(local.modelsBuilt()).isEqualTo(6);
        assertThat(audit(tmp.resolve("model-v2"), tmp.resolve("cache-spark"), spark).modelsBuilt()).isZero();
    }

    @Test
    void sketchCoefficientsAndParametersEqualTheLocalRunners(@TempDir Path tmp) throws Exception {
        TrainingRun run = train(tmp.resolve("run"), false, "f64");
        TrainingRunReplay replay = TrainingRunReplay.open(tmp.resolve("run"));
        String measure = "example:" + run.data.test.id(0);
        DeletionSketch local = DeletionSketch.builder(replay).directions(3).order(2).seed(5)
                .measure(replay.measurement(measure)).output(tmp.resolve("local")).build();
        DeletionSketch remote = DeletionSketch.builder(replay).directions(3).order(2).seed(5)
                .measure(replay.measurement(measure)).output(tmp.resolve("spark")).recipe(replay.recipe())
                .runner(spark).build();

        TaylorSeries[] expected = local.coefficients(measure);
        TaylorSeries[] actual = remote.coefficients(measure);
        for (int j = 0; j < expected.length; j++) {
            assertThat(actual[j].realParts()).as("direction " + j).isEqualTo(expected[j].realParts());
            assertThat(actual[j].imaginaryParts()).as("direction " + j).isEqualTo(expected[j].imaginaryParts());
        }
        // The stored parameters, which later measurements are evaluated on, are the same too.
        TaylorSeries[] reEvaluated = DeletionSketch.open(tmp.resolve("spark"))
                .coefficients(replay.measurement("example:" + run.data.test.id(1)), replay);
        TaylorSeries[] reference = DeletionSketch.open(tmp.resolve("local"))
                .coefficients(replay.measurement("example:" + run.data.test.id(1)), replay);
        for (int j = 0; j < reference.length; j++) {
            assertThat(reEvaluated[j].realParts()).isEqualTo(reference[j].realParts());
        }
    }

    @Test
    void aNewMeasurementEvaluatedOnStoredDirectionsAsSparkTasksEqualsTheLocalRunners(@TempDir Path tmp)
            throws Exception {
        TrainingRun run = train(tmp.resolve("run"), false, "f64");
        TrainingRunReplay replay = TrainingRunReplay.open(tmp.resolve("run"));
        DeletionSketch.builder(replay).directions(3).order(2).seed(5)
                .measure(replay.measurement("example:" + run.data.test.id(0))).output(tmp.resolve("sketch")).build();
        // Not evaluated at build time: each direction's stored parameters are loaded and measured again.
        Measurement later = replay.measurement("example:" + run.data.test.id(2));
        DeletionSketch sketch = DeletionSketch.open(tmp.resolve("sketch"));
        TaylorSeries[] local = sketch.coefficients(later, replay);
        TaylorSeries[] remote = sketch.coefficients(later, replay, replay.recipe(), spark, null);

        assertThat(remote).hasSameSizeAs(local).hasSize(3);
        for (int j = 0; j < local.length; j++) {
            assertThat(remote[j].realParts()).as("direction " + j).isEqualTo(local[j].realParts());
            assertThat(remote[j].imaginaryParts()).as("direction " + j).isEqualTo(local[j].imaginaryParts());
        }
    }
}
