package org.lethe.audit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.io.JsonFiles;

class AuditJsonTest {
    private static UtilitySection.Accuracy accuracy(Double overall) {
        return new UtilitySection.Accuracy(overall, 4, Arrays.asList(1.0, null, 0.5), List.of(2, 0, 2));
    }

    /** A document with every section filled, undefined numbers as nulls and a NaN where the format keeps one. */
    static AuditDocument full() {
        UtilitySection.PerSet perSet = new UtilitySection.PerSet(0.9, null, 0.8);
        return new AuditDocument(AuditDocument.FORMAT, "still remembers", "/m", "run", "amnesiac",
                new ForgetSection("10 examples", "deletion record", 10, 10, 50, List.of("a", "b")),
                new ModelsSection(
                        new ModelsSection.References("retrained", 2, "2 models", List.of(1_000_008L, 1_000_009L),
                                List.of("/c/r1", "/c/r2")),
                        new ModelsSection.Unlearned(2, "2 models; seeds 2000008..2000009", List.of(2_000_008L, 2_000_009L),
                                List.of("/c/u1", "/c/u2")),
                        "/c"),
                new UtilitySection(new UtilitySection.ModelAccuracy(accuracy(0.75), accuracy(null), accuracy(0.5)),
                        perSet, null, new UtilitySection.PerClass(Arrays.asList(0.5, null), List.of(1.0, 0.0)),
                        perSet, new UtilitySection.PerSet(0.01, 0.02, 0.03)),
                new MembershipSection(new MembershipSection.LossThreshold(0.6, 0.1, 0.0, 10, 50, 0.55, null),
                        new MembershipSection.ULira(0.5, 0.0, 0.0, 10, 2, 2, -0.25)),
                new ForgetQualitySection(0.4, 0.5, 0.1, 0.8, Double.NaN, 1.0, 0.98, 0.01, 2, 2, 10, 6.0,
                        List.of(1, 2, 3), List.of(0.0, 0.5, Double.POSITIVE_INFINITY)),
                new ProbeSection(List.of(3), new ProbeSection.Readout(0.9, 0.8, 0.7, 1.0, 100), null, null),
                new RelearnSection(new RelearnSection.Run(3, true, 0.9, 0.1, 0.95, List.of(0.1, 0.5, 0.95)),
                        new RelearnSection.Run(5, false, 0.9, 0.1, 0.6, List.of(0.1, 0.6)), 0.6),
                new CanarySection(new CanarySection.Format("mycode", "0123456789", 4), 10_000L, true, 13.3, 200,
                        List.of(new CanarySection.Secret("1234", 4, 13.3, 2.0, 1.0, 2342.0)),
                        List.of(), 13.3, 2.0, null, null, 1.5, 1.6, 3.0,
                        new CanarySection.Deletion("replay", true, 4, 0.5, "h1", "h2")),
                "The verdict.",
                new TimingSection(12.5, 4, 2, null, 0.25),
                new EvidenceSection("/m", "abc", "2026-01-01T00:00:00Z", "0.1.0", "/m/deletion.json", "replay", 10,
                        "dpo", "art. 17", "2025-12-31T00:00:00Z"),
                new PowerSection(2, "2 originals", 0.05, 0.5, 0.1, true, List.of(3.0, Double.POSITIVE_INFINITY)));
    }

    @Test
    void aDocumentWrittenAndReadBackIsEqual(@TempDir Path tmp) throws IOException {
        AuditDocument doc = full();
        AuditJson.write(tmp.resolve("audit.json"), doc);
        assertThat(AuditJson.read(tmp.resolve("audit.json"))).isEqualTo(doc);

        AuditDocument bare = new AuditDocument(AuditDocument.FORMAT, "cannot tell at this size", "/m", "sisa", "sisa",
                doc.forget(), doc.models(),
                doc.utility(), new MembershipSection(null, null), null, null, null, null, "v", doc.timing(), null,
                null);
        AuditJson.write(tmp.resolve("bare.json"), bare);
        assertThat(AuditJson.read(tmp.resolve("bare.json"))).isEqualTo(bare);
    }

    @Test
    void keysAreTheFormatsSnakeCaseNamesAndNullsStayNulls(@TempDir Path tmp) throws IOException {
        AuditJson.write(tmp.resolve("audit.json"), full());
        Map<String, Object> json = JsonFiles.readMap(tmp.resolve("audit.json"));
        assertThat(json.keySet()).containsExactly("format", "conclusion", "model", "model_kind", "method", "forget", "models",
                "utility", "membership_inference", "forget_quality", "linear_probe", "relearn", "canary_exposure",
                "verdict", "timing", "evidence", "power");
        assertThat(json.get("format")).isEqualTo("lethe.audit.v1");
        assertThat(((Map<?, ?>) json.get("membership_inference")).get("loss_threshold"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("tpr_at_1pct_fpr", "tpr_at_0_1pct_fpr").containsEntry("unlearned_mean_auc", null);
        assertThat(((Map<?, ?>) json.get("utility")).get("unlearned_mean_accuracy")).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> timing = (Map<String, Object>) json.get("timing");
        assertThat(timing).containsOnlyKeys("wall_seconds", "models_built", "models_from_cache",
                "mean_deletion_seconds", "audited_deletion_seconds").containsEntry("mean_deletion_seconds", null);
        // A NaN the format always carried as a number stays what Jackson writes for it.
        assertThat(((Map<?, ?>) json.get("forget_quality")).get("final_score")).isEqualTo("NaN");
    }

    @Test
    void aMissingOrRenamedKeyFailsNamingKeyAndFile(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("audit.json");
        AuditJson.write(file, full());
        String text = Files.readString(file, StandardCharsets.UTF_8);

        Path renamed = tmp.resolve("renamed.json");
        Files.writeString(renamed, text.replace("\"models_from_cache\"", "\"models_reused\""));
        assertThatThrownBy(() -> AuditJson.read(renamed)).isInstanceOf(IOException.class)
                .hasMessageContaining("renamed.json").hasMessageContaining("models_from_cache");

        Path unknown = tmp.resolve("unknown.json");
        Files.writeString(unknown, text.replace("\"models_built\" : 4", "\"models_built\" : 4, \"models_lost\" : 0"));
        assertThatThrownBy(() -> AuditJson.read(unknown)).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown.json").hasMessageContaining("models_lost");

        Path missing = tmp.resolve("missing.json");
        Files.writeString(missing, text.replaceFirst("\"verdict\" : \"The verdict.\",", ""));
        assertThatThrownBy(() -> AuditJson.read(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing.json").hasMessageContaining("verdict");

        Path nullPrimitive = tmp.resolve("null-primitive.json");
        Files.writeString(nullPrimitive, text.replace("\"models_built\" : 4", "\"models_built\" : null"));
        assertThatThrownBy(() -> AuditJson.read(nullPrimitive)).isInstanceOf(IOException.class)
                .hasMessageContaining("null-primitive.json");

        Path otherFormat = tmp.resolve("v2.json");
        Files.writeString(otherFormat, text.replace("lethe.audit.v1", "lethe.audit.v2"));
        assertThatThrownBy(() -> AuditJson.read(otherFormat)).isInstanceOf(IOException.class)
                .hasMessageContaining("lethe.audit.v2");
    }

    @Test
    void aDocumentWrittenBeforeTheConclusionIsStillRead(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("audit.json");
        AuditJson.write(file, full());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String older = text.replaceFirst("\"conclusion\" : \"still remembers\",", "")
                .replaceFirst(",\\s*\"power\" : \\{[^}]*\\}\\s*}\\s*$", "\n}\n");
        assertThat(older).doesNotContain("conclusion").doesNotContain("\"power\"");
        Path olderFile = tmp.resolve("older.json");
        Files.writeString(olderFile, older);
        AuditDocument read = AuditJson.read(olderFile);
        assertThat(read.conclusion()).isNull();
        assertThat(read.power()).isNull();
        assertThat(read.verdict()).isEqualTo("The verdict.");
    }

    @Test
    void aSectionGoesOnlyWhereItsTestBelongs() {
        AuditDocument doc = full();
        RelearnSection relearn = doc.relearn();
        AuditDocument cleared = doc.withSection("relearn", null);
        assertThat(cleared.relearn()).isNull();
        assertThat(cleared.section("relearn")).isNull();
        assertThat(cleared.withSection("relearn", relearn)).isEqualTo(doc);
        assertThatThrownBy(() -> doc.withSection("linear_probe", relearn))
                .hasMessageContaining("linear_probe").hasMessageContaining("ProbeSection");
        assertThatThrownBy(() -> doc.withSection("membership", relearn)).hasMessageContaining("unknown audit section");
    }
}
