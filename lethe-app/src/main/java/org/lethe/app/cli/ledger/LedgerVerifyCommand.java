package org.lethe.app.cli.ledger;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.VersionInfo;
import org.lethe.app.cli.StorageOptions;
import org.lethe.server.LetheServer;
import org.lethe.server.ledger.LedgerKey;
import org.lethe.server.ledger.LedgerVerification;
import org.lethe.server.service.LedgerAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lethe ledger verify}: recomputes the ledger from the database; exit 1 naming the first bad entry. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Recompute every leaf hash and tree root from the database and check every signed checkpoint.",
                "Exit 1 naming the first bad entry when anything differs."})
public final class LedgerVerifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StorageOptions storage;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        LetheServer.Settings settings = storage.settings();
        LedgerVerification result;
        try (LetheServer server = LetheServer.open(settings)) {
            result = LedgerAudit.verify(server.db(), LedgerKey.loadOrCreate(settings.dataDir()).publicKey());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, result);
        } else if (result.ok()) {
            out.printf("ledger ok: %d entries, %d signed checkpoints, root %s%n", result.entries(), result.checkpoints(), result.root());
        } else {
            out.printf("ledger BAD: %s%n", result.problem());
        }
        out.flush();
        return result.ok() ? 0 : 1;
    }
}
