package org.lethe.app.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;

class LedgerCommandsTest {
    @Test
    void tokensAndLedgerChecksFromTheCommandLine(@TempDir Path tmp) throws Exception {
        String dir = tmp.resolve("svc").toString();
        Cli.Result token = Cli.run("serve", "token", "create", "--data-dir", dir, "--name", "dpo", "--scopes", "deletion:review,ledger:read", "--json");
        assertThat(token.exitCode).as(token.toString()).isZero();
        assertThat(token.json().get("token").asText()).startsWith("lethe_");
        assertThat(token.json().get("scopes")).hasSize(2);

        Cli.Result badScope = Cli.run("serve", "token", "create", "--data-dir", dir, "--name", "x", "--scopes", "delete-everything");
        assertThat(badScope.exitCode).isEqualTo(2);
        assertThat(badScope.errLines()).hasSize(1);
        assertThat(badScope.err).contains("unknown scope 'delete-everything'");

        Cli.Result verify = Cli.run("ledger", "verify", "--data-dir", dir);
        assertThat(verify.exitCode).as(verify.toString()).isZero();
        assertThat(verify.out).contains("ledger ok: 0 entries");

        Path cert = tmp.resolve("cert.json");
        Files.writeString(cert, "{\"format\": 1, \"nonsense\": true}");
        Cli.Result badKey = Cli.run("ledger", "verify-certificate", cert.toString(), "--public-key", "not-a-key");
        assertThat(badKey.exitCode).isEqualTo(2);
        assertThat(badKey.err).contains("--public-key");
        Cli.Result badCert = Cli.run("ledger", "verify-certificate", cert.toString(), "--public-key",
                java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertThat(badCert.exitCode).isEqualTo(2);
        assertThat(badCert.err).contains("not a deletion certificate");
    }
}
