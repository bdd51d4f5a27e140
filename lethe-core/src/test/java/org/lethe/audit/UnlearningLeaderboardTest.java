package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.data.Selection;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.FineTuneUnlearning;
import org.lethe.unlearn.MethodContext;

class UnlearningLeaderboardTest {
    private static final int N = 3;

    private static PreparedData data() throws Exception {
        // 400 training digits: a model trains in a fraction of a second.
        return PreparedData.prepare("digits", 0.95, 5, 10, null);
    }

    private static TrainConfig config() {
        TrainConfig c = new TrainConfig();
        c.epochs = 4;
        c.batchSize = 50;
        c.seed = 8;
        c.learningRate = 0.1;
        c.schedule = "constant";
        return c;
    }

    private static UnlearningLeaderboard.Settings settings(Path cache, Path work, List<String> forget) throws Exception {
        UnlearningLeaderboard.Settings s = new UnlearningLeaderboard.Settings();
        s.data = data();
        s.spec = ModelSpec.mlp(784, 16, 10);
        s.config = config();
        s.forgetIds = forget;
        s.models = N;
        s.methods = List.of(new UnlearningLeaderboard.Entry(FineTuneUnlearning.METHOD, Map.of("seed", 5)));
        s.cache = cache;
        s.work = work;
        s.threads = 2;
        s.baselineRepeats = 2;
        return s;
    }

    private static List<String> forgetIds() throws Exception {
        return Selection.random(data().train, 10, 3).forgetIds();
    }

    @Test
    void scoresEveryRowAgainstTheReferencesAndRepeatsBitForBitFromTheCache(@TempDir Path tmp) throws Exception {
        List<String> forget = forgetIds();
        UnlearningLeaderboard.Outcome first = UnlearningLeaderboard.run(settings(tmp.resolve("cache"),
                tmp.resolve("work"), forget));
        LeaderboardResult r = first.result();
        assertThat(r.rows()).extracting(LeaderboardResult.Row::method)
                .containsExactly("original", "retrain", "finetune");
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.error()).isNull());
        assertThat(r.forgetExamples()).isEqualTo(10);
        // The evaluation half of the held-out digits, never the validation half methods may read.
        assertThat(r.evaluationExamples()).isEqualTo(data().test.size() - data().test.size() / 2);

        LeaderboardResult.Row finetune = r.rows().get(2);
        assertThat(finetune.parameters()).containsEntry("seed", 5);
        // The row's F is the forget quality of exactly the confidences exported for it.
        assertThat(finetune.forgetQuality()).isEqualTo(ForgetQuality.score(first.unlearnedConfidence().get("finetune"),
                first.retrainedConfidence()).forgetQuality());
        assertThat(first.unlearnedConfidence().get("finetune")).hasNumberOfRows(N);
        assertThat(finetune.finalScore()).isCloseTo(finetune.forgetQuality() * finetune.retainAccuracyRatio()
                * finetune.testAccuracyRatio(), within(1e-12));
        assertThat(finetune.timeFraction()).isGreaterThan(0.0);
        LeaderboardResult.Row original = r.rows().get(0);
        LeaderboardResult.Row retrain = r.rows().get(1);
        assertThat(original.timeFraction()).isEqualTo(0.0);
        assertThat(retrain.timeFraction()).isEqualTo(1.0);
        // Originals trained on the forget set; the retrain row's models never saw it.
        assertThat(original.forgetAccuracy()).isGreaterThan(retrain.forgetAccuracy());
        assertThat(r.f0Permutation()).isNotNull();

        long cached = countEntries(tmp.resolve("cache"));
        assertThat(cached).isEqualTo(3 * N);
        UnlearningLeaderboard.Outcome second = UnlearningLeaderboard.run(settings(tmp.resolve("cache"),
                tmp.resolve("work"), forget));
        assertThat(countEntries(tmp.resolve("cache"))).isEqualTo(cached);
        for (String row : List.of("original", "retrain", "finetune")) {
            assertThat(second.unlearnedConfidence().get(row)).isDeepEqualTo(first.unlearnedConfidence().get(row));
        }
        assertThat(second.result().rows().get(2).forgetQuality()).isEqualTo(finetune.forgetQuality());
        assertThat(Files.exists(tmp.resolve("work").resolve("timed-retraining"))).isFalse();
    }

    @Test
    void sharesItsReferencesAndOriginalsWithAnAuditOfTheSameModel(@TempDir Path tmp) throws Exception {
        List<String> forget = forgetIds();
        UnlearningLeaderboard.Settings s = settings(tmp.resolve("cache"), tmp.resolve("work"), forget);
        s.referenceRows = false;
        UnlearningLeaderboard.run(s);

        TrainingRun run = TrainingRun.create(tmp.resolve("model"), ModelSpec.mlp(784, 16, 10), config(), data());
        run.train(new Trainer.Listener() { });
        FineTuneUnlearning.METHOD.unlearner(FineTuneUnlearning.METHOD.defaults(), new MethodContext(
                new org.lethe.exec.LocalJobRunner(1), null)).forget(tmp.resolve("model"), DeletionRequest.ofIds(forget),
                tmp.resolve("model-v2"));
        AuditRunner.Settings a = new AuditRunner.Settings();
        a.model = tmp.resolve("model-v2");
        a.retrain = N;
        a.cache = tmp.resolve("cache");
        a.threads = 2;
        AuditResult audit = AuditRunner.run(a);
        // References and originals come from the leaderboard's cache; only the N deletions are new.
        assertThat(audit.modelsBuilt()).isEqualTo(N);
    }

    private static long countEntries(Path cache) throws Exception {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
