package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.exec.LocalJobRunner;
import org.lethe.store.DeletionRecord;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;

/**
 * Source data erased first: when examples were only removed from the training data, a deletion of exactly those (or
 * more) proceeds and gives the same model as with the data still there; a deletion that leaves some out, and any
 * other change to the data, is refused with a message that says what differs.
 */
class ErasedSourceTest {
    private static final int SUBJECTS = 12;
    private static final int PER_SUBJECT = 10;

    private static List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (int s = 0; s < SUBJECTS; s++) {
            for (int k = 0; k < PER_SUBJECT; k++) {
                int label = (s + k) % 3;
                double a = label + 0.1 * k;
                double b = s * 0.05 - label;
                rows.add(String.format(Locale.ROOT, "e%d-%d,s%02d,%d,%.3f,%.3f", s, k, s, label, a, b));
            }
        }
        return rows;
    }

    private static Path write(Path file, List<String> rows) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("id,subject,label,a,b");
        lines.addAll(rows);
        Files.write(file, lines);
        return file;
    }

    private static List<String> without(List<String> rows, String... subjects) {
        List<String> out = new ArrayList<>();
        for (String r : rows) {
            boolean drop = false;
            for (String s : subjects) {
                drop |= r.split(",")[1].equals(s);
            }
            if (!drop) {
                out.add(r);
            }
        }
        return out;
    }

    private static TrainConfig config() {
        TrainConfig c = new TrainConfig();
        c.epochs = 2;
        c.batchSize = 8;
        c.seed = 7;
        c.checkpointEvery = 5;
        return c;
    }

    @Test
    void aDeletionOfWhatWasErasedFromTheSourceProceedsAndIsExact(@TempDir Path tmp) throws Exception {
        Path csv = write(tmp.resolve("people.csv"), rows());
        PreparedData data = PreparedData.prepare(csv.toString(), 0.2, 3, 0, null);
        TrainingRun run = TrainingRun.create(tmp.resolve("m"), ModelSpec.mlp(2, 6, 3), config(), data);
        run.train(new Trainer.Listener() { });
        String erasedSubject = data.train.subject(0);
        String otherSubject = data.train.distinctSubjects().stream().filter(s -> !s.equals(erasedSubject))
                .findFirst().orElseThrow();

        // The reference: the same deletion while the source still holds the data.
        DeletionRecord reference = new ReplayUnlearner(true, null).forget(tmp.resolve("m"),
                DeletionRequest.ofSubjects(List.of(erasedSubject)), tmp.resolve("reference"));

        write(csv, without(rows(), erasedSubject));
        DeletionRecord afterErasure = new ReplayUnlearner(false, null).forget(tmp.resolve("m"),
                DeletionRequest.ofSubjects(List.of(erasedSubject)), tmp.resolve("m-v2"));
        assertThat(afterErasure.removedIds()).isEqualTo(reference.removedIds());
        assertThat(afterErasure.hashAfter()).isEqualTo(reference.hashAfter());
        // The new version opens against the reduced source, and deleting the subject again is a no-op.
        assertThat(TrainingRun.open(tmp.resolve("m-v2")).data.pendingErasure()).isEmpty();
        assertThat(new ReplayUnlearner(false, null).forget(tmp.resolve("m-v2"),
                DeletionRequest.ofSubjects(List.of(erasedSubject)), tmp.resolve("m-v3")).isNoOp()).isTrue();

        // A superset proceeds; leaving an erased subject out is refused, naming it.
        write(csv, without(rows(), erasedSubject, otherSubject));
        assertThatThrownBy(() -> new ReplayUnlearner(false, null).forget(tmp.resolve("m"),
                DeletionRequest.ofSubjects(List.of(erasedSubject)), tmp.resolve("m-v9")))
                .hasMessageContaining("the source data no longer holds ")
                .hasMessageContaining(otherSubject);
        assertThatThrownBy(() -> TrainingRun.open(tmp.resolve("m")).train(new Trainer.Listener() { }))
                .hasMessageContaining("cannot be trained further");
        assertThat(new ReplayUnlearner(false, null).forget(tmp.resolve("m-v2"),
                DeletionRequest.ofSubjects(List.of(otherSubject, data.train.subject(data.train.size() - 1))),
                tmp.resolve("m-v3")).removedIds()).isNotEmpty();

        // Any change other than removal is refused, saying what differs.
        List<String> changed = rows();
        changed.set(5, changed.get(5).replaceFirst(",[^,]+$", ",9.999"));
        write(csv, changed);
        assertThatThrownBy(() -> TrainingRun.open(tmp.resolve("m")))
                .hasMessageContaining("not only by removing examples").hasMessageContaining("1 example(s) changed (e0-5)");
        List<String> added = rows();
        added.add("new-1,s99,1,0.5,0.5");
        write(csv, added);
        assertThatThrownBy(() -> TrainingRun.open(tmp.resolve("m")))
                .hasMessageContaining("1 example(s) added (new-1)");
    }

    @Test
    void aSisaEnsembleDeletesWhatWasErasedFromTheSource(@TempDir Path tmp) throws Exception {
        Path csv = write(tmp.resolve("people.csv"), rows());
        PreparedData data = PreparedData.prepare(csv.toString(), 0.2, 3, 0, null);
        SisaModel sisa = SisaModel.create(tmp.resolve("s"), ModelSpec.mlp(2, 6, 3), config(), data, 3, 2, 1, "mean");
        sisa.trainAll(new LocalJobRunner(1), null);
        String subject = data.train.subject(0);
        DeletionRecord reference = new SisaUnlearner(new LocalJobRunner(1)).forget(tmp.resolve("s"),
                DeletionRequest.ofSubjects(List.of(subject)), tmp.resolve("reference"));
        write(csv, without(rows(), subject));
        DeletionRecord afterErasure = new SisaUnlearner(new LocalJobRunner(1)).forget(tmp.resolve("s"),
                DeletionRequest.ofSubjects(List.of(subject)), tmp.resolve("s-v2"));
        assertThat(afterErasure.hashAfter()).isEqualTo(reference.hashAfter());
        assertThat(afterErasure.recomputed()).isEqualTo(reference.recomputed());
    }
}
