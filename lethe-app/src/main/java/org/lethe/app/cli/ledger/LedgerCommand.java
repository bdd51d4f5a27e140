package org.lethe.app.cli.ledger;

import org.lethe.app.cli.Subcommands;
import org.lethe.app.cli.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lethe ledger}: checks of the deletion service's ledger and certificates. */
@Command(name = "ledger",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Check the deletion ledger and deletion certificates.",
        subcommands = {LedgerVerifyCommand.class, VerifyCertificateCommand.class})
public final class LedgerCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw Subcommands.missing(spec);
    }
}
