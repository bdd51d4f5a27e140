package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelKind;

class DeletionMethodsTest {
    @Test
    void theRegistryListsTheMethodsWithUniqueNames() {
        assertThat(DeletionMethods.names()).startsWith("sisa", "replay", "retrain", "amnesiac", "finetune");
        assertThat(new HashSet<>(DeletionMethods.names())).hasSameSizeAs(DeletionMethods.all());
    }

    @Test
    void defaultsAreTheFirstExactMethodForEachKindOfModel() {
        assertThat(DeletionMethods.defaultFor(ModelKind.SISA).name()).isEqualTo("sisa");
        assertThat(DeletionMethods.defaultFor(ModelKind.RUN).name()).isEqualTo("replay");
    }

    @Test
    void unknownNamesAndWrongKindsOfModelAreClearErrors() {
        assertThatThrownBy(() -> DeletionMethods.named("no-such-method"))
                .hasMessage("unknown deletion method 'no-such-method' (known: " + String.join(", ", DeletionMethods.names()) + ")");
        assertThatThrownBy(() -> DeletionMethods.forModel("sisa", ModelKind.RUN))
                .hasMessageStartingWith("method sisa deletes from SISA ensembles, not from a single model (use "
                        + "replay, retrain, amnesiac, finetune");
    }

    @Test
    void settingsAreTypedDefaultedAndChecked() {
        DeletionMethod amnesiac = DeletionMethods.named("amnesiac");
        assertThat(amnesiac.defaults().integer("fine_tune_steps")).isEqualTo(60);
        assertThat(amnesiac.settings(Map.of("fine_tune_steps", "12")).integer("fine_tune_steps")).isEqualTo(12);
        // Values read back from a record's JSON arrive as numbers.
        assertThat(amnesiac.settings(Map.of("fine_tune_steps", 3)).values()).containsEntry("fine_tune_steps", 3);
        assertThatThrownBy(() -> amnesiac.settings(Map.of("fine_tune_steps", "many")))
                .hasMessage("parameter fine_tune_steps must be an integer, got 'many'");
        assertThatThrownBy(() -> amnesiac.settings(Map.of("steps", "1")))
                .hasMessage("method amnesiac has no parameter 'steps' (it takes fine_tune_steps, repair_accuracy)");
        assertThatThrownBy(() -> DeletionMethods.named("sisa").settings(Map.of("x", "1")))
                .hasMessage("method sisa has no parameter 'x' (it takes none)");
    }

    @Test
    void settingsAreReadBackFromRecordsOfBothFormats() {
        DeletionMethod amnesiac = DeletionMethods.named("amnesiac");
        DeletionRecord current = record(Map.of("fine_tune_steps", 60), Map.of("steps_reverted", 9));
        assertThat(amnesiac.settingsOf(current).integer("fine_tune_steps")).isEqualTo(60);
        // Written before parameters were declared: the setting stood among the recomputed figures.
        DeletionRecord first = record(Map.of(), Map.of("steps_reverted", 9, "fine_tune_steps", 60));
        assertThat(amnesiac.settingsOf(first).integer("fine_tune_steps")).isEqualTo(60);
        // Records written before the repair existed were made without it, whatever today's default.
        assertThat(amnesiac.settingsOf(current).real("repair_accuracy")).isEqualTo(0.0);
        assertThat(amnesiac.settingsOf(first).real("repair_accuracy")).isEqualTo(0.0);
        DeletionRecord repaired = record(Map.of("fine_tune_steps", 60, "repair_accuracy", 0.9), Map.of());
        assertThat(amnesiac.settingsOf(repaired).real("repair_accuracy")).isEqualTo(0.9);
        // The accuracy guards of influence and short_retrain came later too: older records were made without them.
        for (String name : java.util.List.of("influence", "short_retrain")) {
            DeletionMethod m = DeletionMethods.named(name);
            DeletionRecord older = new DeletionRecord(name, false, Map.of("seed", 0), List.of("a"), List.of(),
                    List.of(), Map.of(), 1.0, "/m", "/m-v2", "h0", "h1", "", "", java.time.Instant.EPOCH);
            assertThat(m.settingsOf(older).real("keep_accuracy")).as(name).isEqualTo(0.0);
            assertThat(m.defaults().real("keep_accuracy")).as(name).isPositive();
        }
        assertThatThrownBy(() -> DeletionMethods.named("replay").settingsOf(first)).hasMessageContaining("amnesiac");
    }

    private static DeletionRecord record(Map<String, Object> parameters, Map<String, Object> recomputed) {
        return new DeletionRecord("amnesiac", false, parameters, List.of("a"), List.of(), List.of(), recomputed, 1.0,
                "/m", "/m-v2", "h0", "h1", "", "", java.time.Instant.EPOCH);
    }

    @Test
    void comparisonWordingFillsInTheSettings() {
        DeletionMethod amnesiac = DeletionMethods.named("amnesiac");
        assertThat(amnesiac.describeComparisonModels(4, ModelKind.RUN, amnesiac.settings(Map.of("fine_tune_steps", 7))))
                .startsWith("4 models trained with the forget set").endsWith("(7 fine-tune steps, repair_accuracy 0.95)");
        DeletionMethod replay = DeletionMethods.named("replay");
        assertThat(replay.describeComparisonModels(2, ModelKind.SISA, replay.defaults()))
                .startsWith("2 SISA ensembles retrained from scratch");
    }

    @Test
    void unlearnersReportTheMethodAndSettingsTheyWereMadeWith() {
        DeletionMethod amnesiac = DeletionMethods.named("amnesiac");
        Unlearner u = amnesiac.unlearner(amnesiac.settings(Map.of("fine_tune_steps", "4")), MethodContext.defaults());
        assertThat(u.method()).isSameAs(amnesiac);
        assertThat(u.settings().integer("fine_tune_steps")).isEqualTo(4);
        for (DeletionMethod m : DeletionMethods.all()) {
            assertThat(m.unlearner(m.defaults(), MethodContext.defaults()).method()).isSameAs(m);
        }
    }

    @Test
    void approximateMethodsTakeASeedAndAreAuditedAgainstUnlearnedModels() {
        for (DeletionMethod m : DeletionMethods.all()) {
            if (m.approximateDeletion().isEmpty()) {
                continue;
            }
            assertThat(m.exact()).as(m.name()).isFalse();
            assertThat(m.appliesTo()).isEqualTo(ModelKind.RUN);
            assertThat(m.parameters()).extracting(MethodParameter::name).as(m.name()).contains(DeletionMethod.SEED);
            assertThat(m.auditComparison()).isEqualTo(AuditComparison.DELETED_FROM_ORIGINAL);
            assertThat(m.unlearner(m.defaults(), MethodContext.defaults())).isInstanceOf(ApproximateUnlearner.class);
        }
        assertThat(DeletionMethods.named("finetune").approximateDeletion()).isPresent();
        assertThat(DeletionMethods.named("replay").approximateDeletion()).isEmpty();
    }

    // A method file that declares a DeletionMethod but is missing from the registry's list fails here.
    @Test
    void everyDeclaredMethodIsRegistered() throws IOException, URISyntaxException, ReflectiveOperationException {
        Path classes = Path.of(DeletionMethods.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/lethe/unlearn");
        List<DeletionMethod> declared = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName("org.lethe.unlearn." + name.replace(".class", ""));
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && field.getType() == DeletionMethod.class) {
                        field.setAccessible(true);
                        declared.add((DeletionMethod) field.get(null));
                    }
                }
            }
        }
        assertThat(declared).isNotEmpty();
        // Methods of packages above this one come through providers (each provider's package tests its own).
        java.util.ServiceLoader.load(DeletionMethodProvider.class).forEach(p -> declared.addAll(p.methods()));
        assertThat(DeletionMethods.all()).containsExactlyInAnyOrderElementsOf(declared);
    }
}
