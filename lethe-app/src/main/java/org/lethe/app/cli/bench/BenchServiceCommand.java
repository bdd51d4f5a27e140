package org.lethe.app.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonFileOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.VersionInfo;
import org.lethe.io.JsonFiles;
import org.lethe.server.bench.ServiceBenchmark;
import org.lethe.server.bench.ServiceBenchmarkResult;
import org.lethe.store.ModelVersions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe bench service}: loopback load on the deletion service, then the batched application. */
@Command(name = "service",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Load the deletion service on loopback (SQLite in a temporary directory): accepted requests per",
                "second and latency percentiles, none lost or duplicated; then apply them all in batches and report",
                "requests per SISA shard retrain. Run it alone: other load on the machine shows in the latencies."})
public final class BenchServiceCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JsonFileOption json;

    @Option(names = "--requests", defaultValue = "10000", description = "Submissions. Default: ${DEFAULT-VALUE}.")
    private int requests;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients. Default: ${DEFAULT-VALUE}.")
    private int clients;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the data split and the model. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Override
    public Integer call() throws Exception {
        if (requests < 100 || clients < 1 || clients > 256) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--requests must be at least 100 and --clients 1 to 256");
        }
        Path work = Files.createTempDirectory("lethe-bench-service");
        ServiceBenchmarkResult r;
        try {
            r = ServiceBenchmark.run(work, requests, clients, seed, null);
        } finally {
            ModelVersions.discard(work);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.file() != null) {
            JsonFiles.write(json.file(), r);
        }
        if (json.stdout()) {
            JsonOutput.print(out, r);
        } else {
            out.printf("submitted %d with %d clients: %d accepted in %.2f s = %.0f accepted/s, p50 %.2f ms, p99 %.2f ms%n",
                    r.submitted(), r.clients(), r.accepted(), r.seconds(), r.acceptedPerSecond(), r.p50Millis(), r.p99Millis());
            out.printf("stored %d, distinct ids %d (lost %d, duplicated %d)%n", r.stored(), r.distinctIds(),
                    r.submitted() - r.stored(), r.stored() - r.distinctIds());
            out.printf("applied %d in %d batch(es), %d shard retrain(s): %.1f requests per retrain, %.1f s; ledger %d entries, %s%n",
                    r.applied(), r.batches(), r.shardRetrains(), r.requestsPerRetrain(), r.applySeconds(), r.ledgerEntries(),
                    r.ledgerVerified() ? "verified" : "VERIFY FAILED");
        }
        out.flush();
        return 0;
    }
}
