package org.lethe.app.cli.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.bench.BenchData;
import org.lethe.app.bench.EngineBenchmark;
import org.lethe.app.bench.EngineBenchmarkResult;
import org.lethe.app.bench.TorchPeerResult;
import org.lethe.app.cli.JsonFileOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.VersionInfo;
import org.lethe.app.cli.WarmsKernels;
import org.lethe.io.AtomicFiles;
import org.lethe.io.JsonFiles;
import org.lethe.nn.Layer;
import org.lethe.nn.Mlp;
import org.lethe.nn.SmallCnn;
import org.lethe.tensor.Parallel;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;
import org.lethe.train.KernelWarmup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code lethe bench engine}: one F32 training epoch of the benchmark MLP and CNN, the same models, data, batch
 * size and optimiser as the PyTorch peer script, which can be run in the same invocation for ratios.
 */
@Command(name = "engine",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Train the benchmark MLP 784-512-512-10 and CNN for one epoch in F32 (batch 128, SGD lr " +
                "0.05 momentum 0.9) on Fashion-MNIST, or the bundled digits repeated to 60,000 when it is " +
                "not installed, and report samples/s and test accuracy. With --peer, also runs the PyTorch " +
                "reference script, with its BLAS on one thread and on all threads, and reports the " +
                "Lethe/PyTorch throughput ratio against the faster of the two."})
public final class BenchEngineCommand implements Callable<Integer>, WarmsKernels {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JsonFileOption json;

    @Option(names = "--model", paramLabel = "mlp|cnn|all", defaultValue = "all",
            description = "Which model to train (default: ${DEFAULT-VALUE}).")
    private String model;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--peer", paramLabel = "SCRIPT",
            description = "PyTorch peer script (torch_mnist.py) to run right after each Lethe model, for ratios.")
    private Path peer;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
            description = "Python interpreter with PyTorch for --peer (default: ${DEFAULT-VALUE}).")
    private String python;

    @Override
    public Integer call() throws Exception {
        List<String> models;
        switch (model) {
            case "all": models = List.of("mlp", "cnn"); break;
            case "mlp": models = List.of("mlp"); break;
            case "cnn": models = List.of("cnn"); break;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(), "--model must be mlp, cnn or all, got '" + model + "'");
        }
        if (peer != null && !Files.isRegularFile(peer)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--peer: no such file: " + peer);
        }
        Path jsonFile = json.file();
        // With --json the text report is dropped and one JSON document printed at the end.
        PrintWriter out = json.stdout() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
        // The kernels compile on the second core while the data set is read and decoded on the first.
        KernelWarmup warmup = KernelWarmup.shared();
        BenchData data = BenchData.load();
        int warmupSteps = warmup.finish();
        out.printf("data: %s (%d train, %d test), %d threads, OpenBLAS kernels: %s, Java %s%n", data.name,
                data.train.size(), data.test.size(), Parallel.threads(), EngineBenchmark.openBlasCoreType(),
                Runtime.version().feature());
        List<String> lines = new ArrayList<>();
        List<EngineBenchmarkResult> results = new ArrayList<>();
        for (String name : models) {
            EngineBenchmarkResult result;
            try (Progress progress = Progress.start(name + " epoch", data.train.size())) {
                long[] last = {0};
                result = EngineBenchmark.run(name, build(name), inputShape(name), data, seed, seen -> {
                    progress.stepBy(seen - last[0]);
                    last[0] = seen;
                });
            }
            if (peer != null) {
                EngineBenchmarkResult.PeerRun best = null;
                String bestEngine = null;
                List<EngineBenchmarkResult.PeerRun> settings = new ArrayList<>();
                for (PeerSetting setting : PeerSetting.forThreads(Parallel.threads())) {
                    TorchPeerResult torch = runPeer(name, setting);
                    EngineBenchmarkResult.PeerRun row = new EngineBenchmarkResult.PeerRun(setting.name,
                            setting.environment, torch.samplesPerS(), torch.testAccuracy());
                    settings.add(row);
                    if (best == null || row.samplesPerS() > best.samplesPerS()) {
                        best = row;
                        bestEngine = torch.engine();
                    }
                }
                result = result.withPeer(bestEngine, best, settings);
            }
            result = result.withKernelWarmupSteps(warmupSteps);
            out.println(describe(result));
            out.flush();
            lines.add(JsonFiles.line(result));
            results.add(result);
        }
        if (jsonFile != null) {
            AtomicFiles.write(jsonFile, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (json.stdout()) {
            JsonOutput.print(spec.commandLine().getOut(), results);
        }
        return 0;
    }

    private static Layer build(String name) {
        Rng rng = new Rng(Rng.derive(0, name.hashCode()));
        if (name.equals("mlp")) {
            return new Mlp(Real32.INSTANCE, rng, 784, 512, 512, 10);
        }
        return new SmallCnn(Real32.INSTANCE, rng);
    }

    private static int[] inputShape(String name) {
        return name.equals("mlp") ? new int[] {0, 784} : new int[] {0, 1, 28, 28};
    }

    private static String describe(EngineBenchmarkResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-4s %10.1f samples/s  test accuracy %.4f  %.2f s  peak heap %.0f MiB",
                r.model(), r.samplesPerS(), r.testAccuracy(), r.seconds(), r.peakHeapMib()));
        if (r.throughputRatio() != null) {
            for (EngineBenchmarkResult.PeerRun s : r.peerSettings()) {
                sb.append(String.format("%n     PyTorch %10.1f samples/s  test accuracy %.4f  (%s)",
                        s.samplesPerS(), s.testAccuracy(), s.environment()));
            }
            sb.append(String.format("%n     ratio Lethe/PyTorch %.2f (against the faster PyTorch setting)",
                    r.throughputRatio()));
        }
        return sb.toString();
    }

    private TorchPeerResult runPeer(String name, PeerSetting setting) throws Exception {
        List<String> cmd = List.of(python, peer.toString(), "--threads", String.valueOf(Parallel.threads()),
                "--model", name, "--seed", String.valueOf(seed));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().putAll(setting.environment);
        Process p = builder.start();
        String jsonLine = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                all.append(line).append('\n');
                if (line.startsWith("{")) {
                    jsonLine = line;
                }
            }
        }
        int code = p.waitFor();
        if (code != 0 || jsonLine == null) {
            String tail = all.toString().trim();
            int cut = tail.lastIndexOf('\n');
            throw new IllegalStateException("peer script failed (exit " + code + "): " + (cut >= 0 ? tail.substring(cut + 1) : tail));
        }
        return TorchPeerResult.parse(jsonLine);
    }

    /**
     * A threading set-up for the peer. PyTorch runs its own intra-op threads (OpenMP) and, for linear layers, an
     * OpenBLAS that starts threads of its own; left alone, the two pools oversubscribe the cores. The peer is
     * measured with its BLAS single-threaded and with its BLAS on every thread while idle OpenMP threads sleep,
     * and Lethe is compared with the faster of the two, so that the ratio is never flattered by a badly set-up
     * peer.
     */
    private static final class PeerSetting {
        final String name;
        final Map<String, String> environment;

        PeerSetting(String name, Map<String, String> environment) {
            this.name = name;
            this.environment = environment;
        }

        static List<PeerSetting> forThreads(int threads) {
            List<PeerSetting> out = new ArrayList<>();
            out.add(new PeerSetting("blas-1-thread", Map.of("OPENBLAS_NUM_THREADS", "1")));
            if (threads > 1) {
                out.add(new PeerSetting("blas-" + threads + "-threads",
                        Map.of("OPENBLAS_NUM_THREADS", String.valueOf(threads), "GOMP_SPINCOUNT", "0")));
            }
            return out;
        }
    }
}
