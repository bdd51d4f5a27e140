package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.audit.json.AuditDocument;
import org.lethe.audit.json.AuditJson;
import org.lethe.exec.LocalJobRunner;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.AmnesiacUnlearner;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.ReplayUnlearner;
import org.lethe.unlearn.SisaUnlearner;

class AuditRunnerTest {
    private static final int N = 3;

    private static PreparedData data() throws Exception {
        // 500 training digits in subjects of 10: a model trains in well under a second.
        return PreparedData.prepare("digits", 0.95, 5, 10, null);
    }

    private static TrainConfig config(boolean recordUpdates) {
        TrainConfig c = new TrainConfig();
        c.epochs = 4;
        c.batchSize = 50;
        c.seed = 8;
        c.learningRate = 0.1;
        c.recordUpdates = recordUpdates;
        return c;
    }

    private static TrainingRun train(Path dir, boolean recordUpdates) throws Exception {
        TrainingRun run = TrainingRun.create(dir, ModelSpec.mlp(784, 16, 10), config(recordUpdates), data());
        run.train(new Trainer.Listener() { });
        return run;
    }

    private static AuditRunner.Settings settings(Path model, Path cache) {
        AuditRunner.Settings s = new AuditRunner.Settings();
        s.model = model;
        s.retrain = N;
        s.cache = cache;
        s.threads = 2;
        s.baselineRepeats = 1;
        return s;
    }

    @Test
    void auditsAnOriginalModelEndToEndAndASecondAuditTrainsNothing(@TempDir Path tmp) throws Exception {
        TrainingRun run = train(tmp.resolve("model"), false);
        String subject = run.data.train.subject(0);
        AuditRunner.Settings s = settings(tmp.resolve("model"), tmp.resolve("cache"));
        s.forget = ForgetSet.Spec.subjects(List.of(subject));
        List<String> progress = new ArrayList<>();
        s.log = progress::add;
        AuditResult first = AuditRunner.run(s);

        AuditDocument doc = first.document();
        assertThat(doc.method()).isEqualTo("original");
        assertThat(doc.modelKind()).isEqualTo("run");
        int subjectSize = run.provenance.idsOfSubject(subject).size();
        assertThat(doc.forget().examples()).isEqualTo(subjectSize);
        assertThat(first.modelsBuilt()).isEqualTo(2 * N);
        assertThat(first.modelsReused()).isZero();
        assertThat(first.retrainedConfidence()).hasNumberOfRows(N);
        assertThat(first.unlearnedConfidence()).hasNumberOfRows(N);
        assertThat(first.modelForgetConfidence()).hasSize(subjectSize);
        assertThat(first.forgetQuality()).isBetween(0.0, 1.0);
        assertThat(first.expectedForgetQuality()).isBetween(0.0, 1.0);
        assertThat(first.modelLossAttack().numMembers()).isEqualTo(subjectSize);
        assertThat(first.modelLossAttack().numNonMembers()).isEqualTo(run.data.test.size());
        assertThat(first.retrainedLossAttacks()).hasSize(N);
        assertThat(first.unlearningLira()).isNotNull();
        assertThat(first.verdict()).contains("never unlearned").contains("AUC");
        // For an original, the power is its own forget quality (its comparison models are originals).
        assertThat(first.originalForgetQuality()).isEqualTo(first.forgetQuality());
        assertThat(doc.power().distinguishable()).isEqualTo(first.conclusion() != AuditVerdict.Conclusion.CANNOT_TELL);
        assertThat(first.conclusion()).isNotEqualTo(AuditVerdict.Conclusion.INDISTINGUISHABLE);
        Map<String, Object> json = org.lethe.io.JsonFiles.toMap(doc);
        for (String section : AuditExtension.OPTIONAL_SECTIONS) {
            assertThat(json).containsKey(section);
            assertThat(json.get(section)).isNull();
            assertThat(first.section(section)).isNull();
        }
        // Two small models trained on the same 500 digits agree far more often than chance (0.1).
        assertThat(doc.utility().agreementWithRetrained().heldOut()).isBetween(0.5, 1.0);
        assertThat(doc.utility().klRetrainedToModel().retain()).isGreaterThan(0.0);
        // The original model trained on the forgotten digits; it fits them at least as well as the held-out ones.
        assertThat(first.modelForget().overall()).isGreaterThanOrEqualTo(first.modelHeldOut().overall() - 0.1);
        List<Long> refSeeds = doc.models().reference().seeds();
        List<Long> unlSeeds = doc.models().unlearned().seeds();
        HashSet<Object> all = new HashSet<>(refSeeds);
        all.addAll(unlSeeds);
        assertThat(all).hasSize(2 * N).doesNotContain(8L);
        assertThat(progress).anyMatch(l -> l.contains("ready"));
        // The document written and read back is the same document.
        AuditJson.write(tmp.resolve("audit.json"), doc);
        assertThat(AuditJson.read(tmp.resolve("audit.json"))).isEqualTo(doc);

        // Second audit: everything comes from the cache, and nothing in it is rewritten.
        Map<Path, FileTime> stamps = modificationTimes(tmp.resolve("cache"));
        AuditResult second = AuditRunner.run(s);
        assertThat(second.modelsBuilt()).isZero();
        assertThat(second.modelsReused()).isEqualTo(2 * N);
        assertThat(modificationTimes(tmp.resolve("cache"))).isEqualTo(stamps);
        assertThat(second.forgetQuality()).isEqualTo(first.forgetQuality());
        assertThat(second.verdict()).isEqualTo(first.verdict());
    }

    @Test
    void auditsARetrainDeletionFromItsRecordReusingTheOriginalsReferences(@TempDir Path tmp) throws Exception {
        TrainingRun run = train(tmp.resolve("model"), false);
        String subject = run.data.train.subject(0);
        AuditRunner.Settings original = settings(tmp.resolve("model"), tmp.resolve("cache"));
        original.forget = ForgetSet.Spec.subjects(List.of(subject));
        AuditRunner.run(original);

        new ReplayUnlearner(true, null).forget(tmp.resolve("model"), DeletionRequest.ofSubjects(List.of(subject)),
                tmp.resolve("model-v2"));
        AuditResult deleted = AuditRunner.run(settings(tmp.resolve("model-v2"), tmp.resolve("cache")));
        assertThat(deleted.document().method()).isEqualTo("retrain");
        assertThat(deleted.document().forget().source()).isEqualTo("deletion record");
        assertThat(deleted.document().timing().auditedDeletionSeconds()).isPositive();
        // The references (retrained without the subject) are the same models as for the original, and so are the
        // originals that measure the audit's power (the original's audit trained them): only the second
        // independent set of retrained models is new.
        assertThat(deleted.modelsReused()).isEqualTo(2 * N);
        assertThat(deleted.modelsBuilt()).isEqualTo(N);
        assertThat(deleted.meanDeletionSeconds()).isPositive();
        assertThat(deleted.verdict()).contains("After the retrain deletion").contains("Power: " + N + " models");
        assertThat(deleted.verdict()).startsWith(deleted.conclusion().words().substring(0, 1).toUpperCase()
                + deleted.conclusion().words().substring(1) + ". ");
        assertThat(deleted.document().conclusion()).isEqualTo(deleted.conclusion().words());
        // The power is the original audit's forget quality: the same models against the same references.
        assertThat(deleted.document().power().originalModels()).isEqualTo(N);
        assertThat(deleted.originalForgetQuality()).isEqualTo(AuditRunner.run(original).forgetQuality());
    }

    @Test
    void theProbeAndRelearningTestsRunInsideTheAuditAgainstItsFirstReference(@TempDir Path tmp) throws Exception {
        TrainingRun run = train(tmp.resolve("model"), false);
        String subject = run.data.train.subject(0);
        new ReplayUnlearner(true, null).forget(tmp.resolve("model"), DeletionRequest.ofSubjects(List.of(subject)),
                tmp.resolve("model-v2"));
        AuditRunner.Settings s = settings(tmp.resolve("model-v2"), tmp.resolve("cache"));
        RelearnTest.Options relearn = new RelearnTest.Options();
        relearn.forgetExamples = 4;
        relearn.retainExamples = 4;
        relearn.maxSteps = 20;
        s.extensions = List.of(new ProbeExtension(new LinearProbe.Options()), new RelearnExtension(relearn, null));
        AuditDocument doc = AuditRunner.run(s).document();

        org.lethe.data.Dataset pool = run.data.trainDataset();
        ErasureTestData data = ErasureTestData.of(pool, org.lethe.data.Selection.ofSubjects(pool, List.of(subject)),
                run.data.testDataset(), run.modelSpec.inputShape());
        org.lethe.nn.Layer reference = (org.lethe.nn.Layer) StoredClassifier.open(
                Path.of(doc.models().reference().dirs().get(0))).run().model;
        // The relearning target is 0.9 of the forget accuracy of the version the deletion started from (the
        // original, named by the deletion record), and the reference is the audit's first retrained model.
        org.lethe.nn.Layer original = (org.lethe.nn.Layer) StoredClassifier.open(tmp.resolve("model")).run().model;
        double target = RelearnTest.DEFAULT_TARGET_FRACTION * RelearnTest.forgetAccuracy(original, data, relearn);
        assertThat(doc.relearn().model().target()).isEqualTo(target);
        assertThat(doc.relearn().reference().startForgetAccuracy())
                .isEqualTo(RelearnTest.forgetAccuracy(reference, data, relearn));
        assertThat(doc.relearn().model().steps()).isBetween(0, 20);
        assertThat(doc.relearn().reference().target()).isEqualTo(target);
        // The probe reads the audited model and that same reference, fitted on 80% of the retained examples.
        assertThat(doc.linearProbe().model().fitExamples()).isEqualTo((int) Math.ceil(0.8 * data.retain.size()));
        assertThat(doc.linearProbe().reference().forgetAccuracy())
                .isEqualTo(ProbeAudit.readout(reference, data, new LinearProbe.Options()).forgetAccuracy);
        assertThat(doc.linearProbe().forgetGap()).isEqualTo(
                doc.linearProbe().model().forgetAccuracy() - doc.linearProbe().reference().forgetAccuracy());
        assertThat(doc.canaryExposure()).isNull();
        AuditJson.write(tmp.resolve("audit.json"), doc);
        assertThat(AuditJson.read(tmp.resolve("audit.json"))).isEqualTo(doc);

        // A given target is kept.
        s.extensions = List.of(new RelearnExtension(new RelearnTest.Options(), 1.0));
        assertThat(AuditRunner.run(s).document().relearn().model().target()).isEqualTo(1.0);
    }

    @Test
    void theProbeAndRelearningTestsDoNotApplyToAnEnsemble(@TempDir Path tmp) throws Exception {
        PreparedData data = data();
        SisaModel sisa = SisaModel.create(tmp.resolve("sisa"), ModelSpec.mlp(784, 8, 10), config(false), data, 2, 1, 1,
                "mean");
        sisa.trainAll(new LocalJobRunner(2), null);
        AuditRunner.Settings s = settings(tmp.resolve("sisa"), tmp.resolve("cache"));
        s.forget = ForgetSet.Spec.subjects(List.of(data.train.subject(0)));
        s.extensions = List.of(new ProbeExtension(new LinearProbe.Options()),
                new RelearnExtension(new RelearnTest.Options(), null));
        List<String> log = new ArrayList<>();
        s.log = log::add;
        AuditDocument doc = AuditRunner.run(s).document();
        assertThat(doc.linearProbe()).isNull();
        assertThat(doc.relearn()).isNull();
        assertThat(log).anyMatch(l -> l.contains("linear probe: not measured") && l.contains("SISA ensemble"))
                .anyMatch(l -> l.contains("relearning time: not measured"));
    }

    @Test
    void auditsSisaAndAmnesiacDeletionsByRerunningThem(@TempDir Path tmp) throws Exception {
        PreparedData data = data();
        TrainConfig c = config(false);
        SisaModel sisa = SisaModel.create(tmp.resolve("sisa"), ModelSpec.mlp(784, 8, 10), c, data, 2, 2, 1, "mean");
        sisa.trainAll(new LocalJobRunner(2), null);
        String subject = data.train.subject(0);
        new SisaUnlearner(new LocalJobRunner(2)).forget(tmp.resolve("sisa"),
                DeletionRequest.ofSubjects(List.of(subject)), tmp.resolve("sisa-v2"));
        AuditResult s = AuditRunner.run(settings(tmp.resolve("sisa-v2"), tmp.resolve("cache")));
        assertThat(s.document().method()).isEqualTo("sisa");
        assertThat(s.document().modelKind()).isEqualTo("sisa");
        // N SISA references, N SISA originals and their N deletions.
        assertThat(s.modelsBuilt()).isEqualTo(3 * N);
        assertThat(s.forgetQuality()).isBetween(0.0, 1.0);
        // The power's originals are the SISA originals the unlearned models were made from: nothing more is trained.
        assertThat(s.modelsReused()).isEqualTo(N);
        assertThat(s.document().power().originalModels()).isEqualTo(N);
        for (String dir : s.document().models().unlearned().dirs()) {
            Map<String, Object> record = org.lethe.io.JsonFiles.readMap(Path.of(dir).resolve("deletion.json"));
            assertThat(record.get("method")).isEqualTo("sisa");
        }

        train(tmp.resolve("mono"), true);
        new AmnesiacUnlearner(3).forget(tmp.resolve("mono"), DeletionRequest.ofSubjects(List.of(subject)),
                tmp.resolve("mono-v2"));
        AuditRunner.Settings amnesiac = settings(tmp.resolve("mono-v2"), tmp.resolve("cache"));
        amnesiac.pruneRecordedUpdates = true;
        AuditResult a = AuditRunner.run(amnesiac);
        assertThat(a.document().method()).isEqualTo("amnesiac");
        assertThat(a.modelsBuilt()).isEqualTo(3 * N);
        try (Stream<Path> files = Files.walk(tmp.resolve("cache"))) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("updates"))).isEmpty();
        }
        // The pruned originals still serve an audit of the original model, which needs only their weights.
        AuditRunner.Settings original = settings(tmp.resolve("mono"), tmp.resolve("cache"));
        original.forget = ForgetSet.Spec.subjects(List.of(subject));
        AuditResult o = AuditRunner.run(original);
        assertThat(o.modelsBuilt()).isZero();
        assertThat(o.modelsReused()).isEqualTo(2 * N);
        assertThat(a.document().models().unlearned().description())
                .contains("amnesiac").contains("3 fine-tune steps");
    }

    @Test
    void givenReferencesAndNoUnlearnedModelsSkipForgetQuality(@TempDir Path tmp) throws Exception {
        TrainingRun run = train(tmp.resolve("model"), false);
        String subject = run.data.train.subject(0);
        new ReplayUnlearner(true, null).forget(tmp.resolve("model"), DeletionRequest.ofSubjects(List.of(subject)),
                tmp.resolve("reference"));
        AuditRunner.Settings s = settings(tmp.resolve("model"), tmp.resolve("cache"));
        s.forget = ForgetSet.Spec.subjects(List.of(subject));
        s.references = List.of(tmp.resolve("reference"));
        s.unlearnRuns = 0;
        AuditResult r = AuditRunner.run(s);
        assertThat(r.modelsBuilt()).isZero();
        assertThat(r.document().forgetQuality()).isNull();
        assertThat(Double.isNaN(r.forgetQuality())).isTrue();
        assertThat(r.document().membershipInference().uLira()).isNull();
        AuditJson.write(tmp.resolve("audit.json"), r.document());
        assertThat(AuditJson.read(tmp.resolve("audit.json"))).isEqualTo(r.document());
        assertThat(r.verdict()).contains("forget quality was not measured");

        // A "reference" that trained on the forgotten data is refused.
        s.references = List.of(tmp.resolve("model"));
        assertThatThrownBy(() -> AuditRunner.run(s)).hasMessageContaining("a reference must be trained without them");
    }

    @Test
    void errorsNameTheProblem(@TempDir Path tmp) throws Exception {
        train(tmp.resolve("model"), false);
        AuditRunner.Settings s = settings(tmp.resolve("model"), tmp.resolve("cache"));
        s.forget = ForgetSet.Spec.subjects(List.of("nobody"));
        assertThatThrownBy(() -> AuditRunner.run(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown subjects").hasMessageContaining("nobody");
        AuditRunner.Settings noForget = settings(tmp.resolve("model"), tmp.resolve("cache"));
        assertThatThrownBy(() -> AuditRunner.run(noForget)).hasMessageContaining("was not written by a deletion");
        AuditRunner.Settings missing = settings(tmp.resolve("no-such-model"), tmp.resolve("cache"));
        missing.forget = ForgetSet.Spec.classes(List.of(3));
        assertThatThrownBy(() -> AuditRunner.run(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no-such-model");
        AuditRunner.Settings heldOut = settings(tmp.resolve("model"), tmp.resolve("cache"));
        heldOut.forget = ForgetSet.Spec.ids(List.of(data().test.id(0)));
        assertThatThrownBy(() -> AuditRunner.run(heldOut)).hasMessageContaining("held out");
        assertThat(Files.exists(tmp.resolve("cache"))).isFalse();
    }

    private static Map<Path, FileTime> modificationTimes(Path dir) throws Exception {
        Map<Path, FileTime> out = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                out.put(p, Files.getLastModifiedTime(p));
            }
        }
        return out;
    }
}
