package org.lethe.unlearn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.lethe.autograd.GradMode;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.nn.ParameterHash;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;

/**
 * A small memorising classifier shared by the approximate methods' tests: an MLP 784-32-10 trained long on 800
 * bundled digits, so that its forget set is measurably better fitted than held-out digits, and a way to run a
 * method on it in memory and read what changed. Trained once per test JVM.
 */
final class ForgetFixture {
    /** Sixteen training examples (2%), spread over the set. */
    static final int[] FORGET = forgetSet();

    private static TrainingRun trained;

    private ForgetFixture() {
    }

    /** What a method did to the fixture's model. */
    record Outcome(String hash, double forgetLossBefore, double forgetLossAfter, double forgetAccuracyAfter,
                   double retainAccuracyBefore, double retainAccuracyAfter, double validationAccuracyBefore,
                   double validationAccuracyAfter, Map<String, Object> figures) {
        double validationRatio() {
            return validationAccuracyAfter / validationAccuracyBefore;
        }

        double retainRatio() {
            return retainAccuracyAfter / retainAccuracyBefore;
        }
    }

    static synchronized TrainingRun trained() {
        if (trained == null) {
            try {
                Path dir = Files.createTempDirectory("forget-fixture");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                PreparedData data = PreparedData.prepare("digits", 0.9, 5, 10, null);
                TrainConfig c = new TrainConfig();
                c.epochs = 20;
                c.batchSize = 50;
                c.learningRate = 0.1;
                c.momentum = 0.9;
                c.schedule = "constant";
                c.seed = 4;
                TrainingRun run = TrainingRun.create(dir.resolve("model"), ModelSpec.mlp(784, 32, 10), c, data);
                run.train(new Trainer.Listener() { });
                trained = run;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return trained;
    }

    /** A problem over a fresh copy of the trained model, for {@code method} with {@code settings}. */
    static ForgetProblem problem(DeletionMethod method, Map<String, ?> settings) {
        TrainingRun run = trained();
        Module copy = run.modelSpec.build(run.algebra, 0);
        copy.loadFrom(run.model);
        copy.train(false);
        MethodSettings s = method.settings(settings);
        return ForgetProblem.of((Layer) copy, run.modelSpec, run.config, run.data.trainDataset(), FORGET,
                run.data.testDataset(), s.integer(DeletionMethod.SEED), s);
    }

    /** Runs {@code method} on a fresh copy of the trained model and measures the result. */
    static Outcome run(DeletionMethod method, Map<String, ?> settings) {
        ForgetProblem p = problem(method, settings);
        Layer original = p.original();
        double lossBefore = forgetLoss(p, original);
        double retainBefore = p.accuracy(original, p.trainTask(), p.retain());
        double validationBefore = p.accuracy(original, p.heldOutTask(), p.validation());
        method.approximateDeletion().orElseThrow().apply(p);
        return new Outcome(ParameterHash.of(p.model()), lossBefore, forgetLoss(p, p.model()),
                p.accuracy(p.model(), p.trainTask(), p.forget()), retainBefore,
                p.accuracy(p.model(), p.trainTask(), p.retain()), validationBefore,
                p.accuracy(p.model(), p.heldOutTask(), p.validation()), p.figures());
    }

    /**
     * Runs {@code method} with seeds 1, 1 and 2 (other settings as given) and checks that the same seed gives the
     * same weights and another seed other weights; returns the seed-1 outcome.
     */
    static Outcome seeded(DeletionMethod method, Map<String, ?> settings) {
        Outcome a = run(method, withSeed(settings, 1));
        Outcome b = run(method, withSeed(settings, 1));
        Outcome c = run(method, withSeed(settings, 2));
        org.assertj.core.api.Assertions.assertThat(b.hash()).as("same seed").isEqualTo(a.hash());
        org.assertj.core.api.Assertions.assertThat(c.hash()).as("other seed").isNotEqualTo(a.hash());
        return a;
    }

    private static Map<String, Object> withSeed(Map<String, ?> settings, int seed) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(settings);
        out.put(DeletionMethod.SEED, seed);
        return out;
    }

    /** Mean cross-entropy of the forget set under {@code model}. */
    static double forgetLoss(ForgetProblem p, Layer model) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return UnlearningLosses.crossEntropy(model, p.trainTask(), p.forget()).item();
        }
    }

    private static int[] forgetSet() {
        int[] out = new int[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = 3 + 50 * i;
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
