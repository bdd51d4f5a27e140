package org.lethe.curvature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.store.DeletionRecord;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.MethodContext;

class CurvatureForgettingTest {
    /** A model trained on a few digits (the rest held out) in {@code dir}. */
    private static TrainingRun trained(Path dir, ModelSpec spec, double testFraction, TrainConfig c) throws Exception {
        TrainingRun run = TrainingRun.create(dir, spec, c, PreparedData.prepare("digits", testFraction, 5, 0, null));
        run.train(new Trainer.Listener() { });
        return run;
    }

    /** {@code kfac-forget} (seed 1) of {@code ids} from the model in {@code model}, written to {@code out}. */
    private static DeletionRecord forget(Path model, List<String> ids, Path out) throws Exception {
        DeletionMethod m = DeletionMethods.named("kfac-forget");
        return m.unlearner(m.settings(Map.of("seed", 1)), MethodContext.defaults())
                .forget(model, DeletionRequest.ofIds(ids), out);
    }

    @Test
    void isRegisteredAndWritesAReproducibleVersionWithoutTheForgetSet(@TempDir Path tmp) throws Exception {
        TrainConfig c = new TrainConfig();
        c.epochs = 2;
        c.batchSize = 25;
        c.seed = 3;
        c.algebra = "f64";
        TrainingRun run = trained(tmp.resolve("m"), ModelSpec.mlp(784, 8, 10), 0.9, c);
        List<String> ids = List.of(run.data.train.id(0), run.data.train.id(3));

        DeletionRecord a = forget(tmp.resolve("m"), ids, tmp.resolve("a"));
        DeletionRecord b = forget(tmp.resolve("m"), ids, tmp.resolve("b"));
        assertThat(a.method()).isEqualTo("kfac-forget");
        assertThat(a.exact()).isFalse();
        assertThat(((Number) a.recomputed().get("dropped_pairs")).longValue()).isPositive();
        assertThat(a.hashAfter()).isNotEqualTo(a.hashBefore()).isEqualTo(b.hashAfter());
        assertThat(TrainingRun.open(tmp.resolve("a")).data.train.indexOf(ids.get(0))).isNegative();
    }

    /** On a CNN the convolutions are edited too (in their KFC eigenbases). */
    @Test
    void editsTheConvolutionsOfACnn(@TempDir Path tmp) throws Exception {
        TrainConfig c = new TrainConfig();
        c.steps = 2;
        c.batchSize = 16;
        c.seed = 3;
        TrainingRun run = trained(tmp.resolve("m"), ModelSpec.cnn(), 0.95, c);
        DeletionRecord r = forget(tmp.resolve("m"), List.of(run.data.train.id(0), run.data.train.id(1)),
                tmp.resolve("a"));
        assertThat((List<?>) r.recomputed().get("layers")).hasToString("[conv0, conv1, fc0, fc1]");
        assertThat(((Number) r.recomputed().get("dropped_pairs")).longValue()).isPositive();
    }

    /** With one factor per group, a pair is dropped when any group's curvature passes the ratio: the union. */
    @Test
    void perGroupFactorsDropWhatAnyGroupWouldDropAlone() {
        org.lethe.nn.Mlp model = new org.lethe.nn.Mlp(org.lethe.tensor.Real64.INSTANCE, new org.lethe.tensor.Rng(2),
                6, 5, 3);
        org.lethe.tensor.Rng rng = new org.lethe.tensor.Rng(1);
        int n = 30;
        float[] x = new float[n * 6];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        org.lethe.data.Dataset d = org.lethe.data.Dataset.of("tiny", x, 6, labels,
                org.lethe.data.Dataset.sequentialIds("t", n), null, null);
        org.lethe.train.ClassificationTask task = new org.lethe.train.ClassificationTask(d, null,
                org.lethe.tensor.Real64.INSTANCE);
        Map<String, org.lethe.nn.Linear> layers = EditableLayers.linear(model);
        int[] retain = java.util.stream.IntStream.range(2, n).toArray();
        KfacFactors r = new FactorCollector(model, layers, FisherKind.EMPIRICAL, 9).collect(task, retain);
        KfacFactors a = new FactorCollector(model, layers, FisherKind.EMPIRICAL, 9).collect(task, new int[] {0});
        KfacFactors b = new FactorCollector(model, layers, FisherKind.EMPIRICAL, 9).collect(task, new int[] {1});
        double ratio = 3.0;
        List<org.lethe.tensor.NDArray> original = weights(model);
        long[] single = CurvatureForgetting.dropPairs(layers, r, a, ratio);
        long[] other = CurvatureForgetting.dropPairs(layers, r, List.of(b), ratio);
        List<org.lethe.tensor.NDArray> oneThenOther = weights(model);
        restore(model, original);
        long[] alone = CurvatureForgetting.dropPairs(layers, r, List.of(a), ratio);
        restore(model, original);
        long[] both = CurvatureForgetting.dropPairs(layers, r, List.of(a, b), ratio);

        restore(model, original);
        long[] reversed = CurvatureForgetting.dropPairs(layers, r, List.of(b, a), ratio);
        restore(model, original);
        CurvatureForgetting.dropPairs(layers, r, List.of(a, b), ratio);

        assertThat(alone).containsExactly(single);
        assertThat(other[0]).isNotEqualTo(alone[0]);
        assertThat(reversed).containsExactly(both);
        assertThat(alone[0]).isPositive();
        assertThat(both[0]).isBetween(Math.max(alone[0], other[0]), alone[0] + other[0]);
        // The bases come from the retain factors alone, so zeroing A's pairs and then B's zeroes the union.
        List<org.lethe.tensor.NDArray> union = weights(model);
        for (int i = 0; i < union.size(); i++) {
            double[] u = union.get(i).toDoubles();
            double[] s = oneThenOther.get(i).toDoubles();
            for (int k = 0; k < u.length; k++) {
                assertThat(u[k]).isCloseTo(s[k], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(union.get(0).toDoubles()).isNotEqualTo(original.get(0).toDoubles());
    }

    private static List<org.lethe.tensor.NDArray> weights(org.lethe.nn.Mlp model) {
        List<org.lethe.tensor.NDArray> out = new java.util.ArrayList<>();
        model.trainableParameters().forEach(t -> out.add(t.value().copy()));
        return out;
    }

    private static void restore(org.lethe.nn.Mlp model, List<org.lethe.tensor.NDArray> saved) {
        for (int i = 0; i < saved.size(); i++) {
            model.trainableParameters().get(i).value().assign(saved.get(i));
        }
    }
}
