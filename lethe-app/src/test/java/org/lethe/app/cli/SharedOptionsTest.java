package org.lethe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The options several commands share: the --ids rule, the --json alias, the mixins. */
class SharedOptionsTest {

    @Command(name = "files")
    static final class WithJsonFile {
        @Mixin
        JsonFileOption json;
    }

    @Command(name = "model")
    static final class WithModel {
        @Mixin
        ModelOption model;

        @Mixin
        JsonOption json;

        @Mixin
        ThreadsOption threads;
    }

    @Test
    void idsTakesACommaSeparatedList() throws IOException {
        assertThat(Ids.parse("digits-7,digits-42")).containsExactly("digits-7", "digits-42");
        assertThat(Ids.parse(" a , b,,c ")).containsExactly("a", "b", "c");
        assertThat(Ids.parse(List.of("a,b", "c"))).containsExactly("a", "b", "c");
        assertThat(Ids.parse("digits-7")).containsExactly("digits-7");
    }

    @Test
    void idsReadsAnExistingFileOneIdPerLine(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("forget");
        Files.write(file, List.of("example_id", "digits-7", "", "digits-42,subject-0001"), StandardCharsets.UTF_8);
        assertThat(Ids.isFile(file.toString())).isTrue();
        assertThat(Ids.parse(file.toString())).containsExactly("digits-7", "digits-42");
    }

    @Test
    void idsNamingAMissingFileIsAnError(@TempDir Path tmp) {
        String missing = tmp.resolve("ids.txt").toString();
        assertThatThrownBy(() -> Ids.parse(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing).hasMessageContaining("no such file");
        assertThatThrownBy(() -> Ids.parse("forget.csv")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> Ids.parse(",")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonWithoutValuePrintsToStandardOutput() {
        WithJsonFile c = new WithJsonFile();
        new CommandLine(c).parseArgs("--json");
        assertThat(c.json.stdout()).isTrue();
        assertThat(c.json.file()).isNull();
    }

    @Test
    void jsonWithAValueIsTheOldSpellingOfJsonFile() {
        WithJsonFile old = new WithJsonFile();
        new CommandLine(old).parseArgs("--json", "results.json");
        assertThat(old.json.stdout()).isFalse();
        assertThat(old.json.file()).isEqualTo(Path.of("results.json"));

        WithJsonFile now = new WithJsonFile();
        new CommandLine(now).parseArgs("--json-file", "results.json");
        assertThat(now.json.stdout()).isFalse();
        assertThat(now.json.file()).isEqualTo(Path.of("results.json"));

        WithJsonFile both = new WithJsonFile();
        new CommandLine(both).parseArgs("--json", "a.json", "--json-file", "b.json");
        assertThatThrownBy(both.json::file).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("not both");

        WithJsonFile neither = new WithJsonFile();
        new CommandLine(neither).parseArgs();
        assertThat(neither.json.stdout()).isFalse();
        assertThat(neither.json.file()).isNull();
    }

    @Test
    void mixinsAddTheirOptionsToACommand() {
        WithModel c = new WithModel();
        CommandLine cl = new CommandLine(c);
        cl.parseArgs("--model", "runs/digits", "--json", "--threads", "0");
        assertThat(c.model.path()).isEqualTo(Path.of("runs/digits"));
        assertThat(c.json.enabled()).isTrue();
        assertThat(c.threads.threads()).isEqualTo(1);
        assertThat(cl.getCommandSpec().findOption("--model").required()).isTrue();
        assertThatThrownBy(() -> new CommandLine(new WithModel()).parseArgs("--json"))
                .isInstanceOf(CommandLine.MissingParameterException.class).hasMessageContaining("--model");
    }

    @Test
    void everyCommandSpellsTheSharedOptionsAlike() {
        CommandLine lethe = Main.commandLine();
        assertThat(lethe.getSubcommands().get("predict").getCommandSpec().findOption("--ids").paramLabel())
                .isEqualTo("IDS|FILE");
        assertThat(lethe.getSubcommands().get("forget").getCommandSpec().findOption("--ids").paramLabel())
                .isEqualTo("IDS|FILE");
        CommandLine bench = lethe.getSubcommands().get("bench");
        for (String name : List.of("engine", "deletion", "audit")) {
            CommandLine.Model.CommandSpec spec = bench.getSubcommands().get(name).getCommandSpec();
            assertThat(spec.findOption("--json-file")).as(name).isNotNull();
            assertThat(spec.findOption("--json").arity().min()).as(name).isZero();
        }
        assertThat(lethe.getSubcommands().get("info").getCommandSpec().findOption("--json").arity().max()).isZero();
    }
}
