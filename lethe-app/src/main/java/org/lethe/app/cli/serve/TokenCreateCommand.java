package org.lethe.app.cli.serve;

import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.StorageOptions;
import org.lethe.app.cli.VersionInfo;
import org.lethe.server.LetheServer;
import org.lethe.server.service.Scope;
import org.lethe.server.service.Tokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe serve token create}: makes an API token; only its hash is stored, so it is shown once. */
@Command(name = "create",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Create an API token with scopes; the token is printed once and stored only as a hash.",
                "Scopes: deletion:create, deletion:read, deletion:review, ledger:read, admin."})
public final class TokenCreateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StorageOptions storage;

    @Mixin
    private JsonOption json;

    @Option(names = "--name", required = true, description = "Who holds the token (the actor in the ledger).")
    private String name;

    @Option(names = "--scopes", required = true, paramLabel = "LIST", description = "Comma-separated scopes.")
    private String scopes;

    /** The printed result. */
    record Created(String name, String token, java.util.List<String> scopes) {
    }

    @Override
    public Integer call() throws Exception {
        Set<Scope> parsed;
        try {
            parsed = Tokens.parseScopes(scopes);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scopes: " + e.getMessage());
        }
        try (LetheServer server = LetheServer.open(storage.settings())) {
            Tokens.Created created;
            try {
                created = server.tokens().create(name, parsed);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json.enabled()) {
                JsonOutput.print(out, new Created(name, created.token(), parsed.stream().map(Scope::wire).sorted().toList()));
            } else {
                out.println(created.token());
            }
            out.flush();
        }
        return 0;
    }
}
