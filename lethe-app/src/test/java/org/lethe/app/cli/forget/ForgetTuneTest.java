package org.lethe.app.cli.forget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;

class ForgetTuneTest {
    @Test
    void theTunedRecipeIsWhatTheRecordKeepsAndTheSameSeedFindsItAgain(@TempDir Path tmp) {
        Path run = tmp.resolve("digits");
        Cli.ok("train", "--data", "digits", "--hidden", "8", "--epochs", "2", "--batch-size", "64", "--test-fraction",
                "0.9", "--subjects-per", "10", "--out", run.toString());
        JsonNode first = Cli.ok("forget", "--model", run.toString(), "--subject", "subject-0003", "--method",
                "finetune", "--tune", "--budget", "0.5", "--out", tmp.resolve("a").toString(), "--json").json();
        JsonNode second = Cli.ok("forget", "--model", run.toString(), "--subject", "subject-0003", "--method",
                "finetune", "--tune", "--budget", "0.5", "--out", tmp.resolve("b").toString(), "--json").json();
        assertThat(first.at("/tuning/trials").size()).isGreaterThan(1);
        assertThat(Cli.keys(first)).endsWith("time", "deleted_from", "new_version", "tuning");
        assertThat(Cli.keys(first.get("tuning"))).containsExactly("chosen", "original_loss_distance",
                "original_retain_accuracy", "original_validation_accuracy", "trials", "steps_spent", "step_budget");
        assertThat(first.at("/parameters")).isEqualTo(first.at("/tuning/chosen"));
        assertThat(second.at("/tuning/chosen")).isEqualTo(first.at("/tuning/chosen"));
        assertThat(second.at("/hash_after").asText()).isEqualTo(first.at("/hash_after").asText());
        Cli.Result exact = Cli.run("forget", "--model", run.toString(), "--subject", "subject-0003", "--method",
                "replay", "--tune");
        assertThat(exact.exitCode).isEqualTo(2);
        assertThat(exact.err).contains("only approximate methods");
    }
}
