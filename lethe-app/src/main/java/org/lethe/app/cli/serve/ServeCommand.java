package org.lethe.app.cli.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.lethe.app.cli.StorageOptions;
import org.lethe.app.cli.VersionInfo;
import org.lethe.server.LetheServer;
import org.lethe.server.service.Verifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe serve}: the deletion-request service (HTTP API, web page, worker and ledger). */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Run the deletion-request service: REST API, web page, worker and signed ledger.",
                "Create tokens first with 'lethe serve token create'. Runs until stopped."},
        subcommands = {TokenCommand.class})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StorageOptions storage;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (0: any free port). Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    private String host;

    @Option(names = "--model", paramLabel = "ID=PATH[:METHOD]",
            description = "Register a model (once; later starts keep its current version). METHOD defaults to the "
                    + "model kind's exact method.")
    private List<String> models = new ArrayList<>();

    @Option(names = "--verification", defaultValue = "automatic", paramLabel = "MODE",
            description = "How requests are verified: automatic, reviewer, or code:SECRET. Default: ${DEFAULT-VALUE}.")
    private String verification;

    @Option(names = "--public-ledger", description = "Serve the ledger's read endpoints without a token.")
    private boolean publicLedger;

    @Option(names = "--batch-window", defaultValue = "2000", paramLabel = "MS",
            description = "Requests queued within this many milliseconds are applied together. Default: ${DEFAULT-VALUE}.")
    private long batchWindowMillis;

    @Override
    public Integer call() throws Exception {
        Verifier verifier;
        try {
            verifier = Verifier.parse(verification);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (port < 0 || port > 65535 || batchWindowMillis < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535 and --batch-window non-negative");
        }
        LetheServer.Settings settings = storage.settings().withVerifier(verifier).withPublicLedger(publicLedger)
                .withBatchWindow(Duration.ofMillis(batchWindowMillis));
        LetheServer server = LetheServer.open(settings);
        try {
            for (String m : models) {
                String[] idPath = m.split("=", 2);
                if (idPath.length != 2) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--model: expected ID=PATH[:METHOD], got " + m);
                }
                String path = idPath[1];
                String method = null;
                int colon = path.lastIndexOf(':');
                if (colon > 0) {
                    method = path.substring(colon + 1);
                    path = path.substring(0, colon);
                }
                try {
                    server.service().catalog().register(idPath[0], Path.of(path), method);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--model: " + e.getMessage());
                }
            }
            server.start(host, port);
        } catch (Exception e) {
            server.close();
            throw e;
        }
        spec.commandLine().getOut().printf("lethe serve: listening on http://%s:%d/ (data in %s)%n", host, server.port(),
                settings.dataDir());
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // the process is ending
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
