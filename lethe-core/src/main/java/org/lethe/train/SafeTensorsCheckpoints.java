package org.lethe.train;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.lethe.autograd.Tensor;
import org.lethe.io.SafeTensors;
import org.lethe.io.SafeTensorsFile;
import org.lethe.nn.Module;
import org.lethe.optim.Optimizer;
import org.lethe.tensor.NDArray;

/**
 * Checkpoints as safetensors files {@code step-NNNNNNNN.safetensors} in one directory: parameters under
 * {@code model.<name>}, optimiser state under {@code optim.<key>}, the step count in the metadata. Each file is
 * written atomically, so a crash leaves earlier checkpoints intact.
 */
public final class SafeTensorsCheckpoints implements Checkpoints {
    private static final String PREFIX = "step-";
    private static final String SUFFIX = ".safetensors";
    private final Path dir;

    public SafeTensorsCheckpoints(Path dir) {
        this.dir = dir;
    }

    /** The file of the checkpoint after {@code completedSteps} steps. */
    public Path file(int completedSteps) {
        return dir.resolve(String.format("%s%08d%s", PREFIX, completedSteps, SUFFIX));
    }

    @Override
    public void save(int completedSteps, Module model, Optimizer optimizer) throws IOException {
        write(contents(completedSteps, model, optimizer, false));
    }

    /**
     * A copy of what {@link #save} would write after {@code completedSteps} steps, so that the model and optimiser
     * can go on training while {@link #write} stores it (see {@link BackgroundCheckpointWriter}).
     */
    public Snapshot snapshot(int completedSteps, Module model, Optimizer optimizer) {
        return contents(completedSteps, model, optimizer, true);
    }

    /** Writes a snapshot atomically to the file of its step. */
    public void write(Snapshot snapshot) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "lethe.checkpoint.v1");
        meta.put("completed_steps", String.valueOf(snapshot.completedSteps));
        meta.put("optimizer_steps", String.valueOf(snapshot.optimizerSteps));
        meta.put("parameters_sha256", org.lethe.nn.ParameterHash.of(snapshot.parameters));
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : snapshot.parameters.entrySet()) {
            tensors.put("model." + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, NDArray> e : snapshot.optimizerState.entrySet()) {
            tensors.put("optim." + e.getKey(), e.getValue());
        }
        Files.createDirectories(dir);
        SafeTensors.write(file(snapshot.completedSteps), tensors, meta);
    }

    private static Snapshot contents(int completedSteps, Module model, Optimizer optimizer, boolean copy) {
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            NDArray v = e.getValue().value();
            parameters.put(e.getKey(), copy ? v.copy() : v);
        }
        Map<String, NDArray> state = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : optimizer.state().entrySet()) {
            state.put(e.getKey(), copy ? e.getValue().copy() : e.getValue());
        }
        return new Snapshot(completedSteps, optimizer.stepCount(), parameters, state);
    }

    /** The content of one checkpoint: parameters and optimiser state by name, and the step counts. */
    public static final class Snapshot {
        final int completedSteps;
        final long optimizerSteps;
        final Map<String, NDArray> parameters;
        final Map<String, NDArray> optimizerState;

        Snapshot(int completedSteps, long optimizerSteps, Map<String, NDArray> parameters,
                 Map<String, NDArray> optimizerState) {
            this.completedSteps = completedSteps;
            this.optimizerSteps = optimizerSteps;
            this.parameters = parameters;
            this.optimizerState = optimizerState;
        }
    }

    @Override
    public void load(int completedSteps, Module model, Optimizer optimizer) throws IOException {
        Path f = file(completedSteps);
        if (!Files.isRegularFile(f)) {
            throw new IOException("no checkpoint after step " + completedSteps + " (" + f + ")");
        }
        SafeTensorsFile file = SafeTensors.read(f);
        Map<String, Tensor> params = model.namedParameters();
        Map<String, NDArray> stored = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            NDArray v = file.tensors().get("model." + e.getKey());
            if (v == null) {
                throw new IOException(f + ": checkpoint lacks parameter " + e.getKey());
            }
            stored.put(e.getKey(), v);
            e.getValue().value().assign(v.to(e.getValue().algebra()));
        }
        SafeTensors.verifyParameters(f, file.metadata().get(SafeTensors.HASH_KEY), stored, model);
        Map<String, NDArray> state = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : file.tensors().entrySet()) {
            if (e.getKey().startsWith("optim.")) {
                String key = e.getKey().substring("optim.".length());
                NDArray v = e.getValue();
                // Step counters are kept in F64; moments follow the parameters' algebra.
                state.put(key, key.startsWith("t.") ? v : v.to(model.namedParameters().values().iterator().next().algebra()));
            }
        }
        String steps = file.metadata().get("optimizer_steps");
        optimizer.loadState(state, steps == null ? completedSteps : Long.parseLong(steps));
    }

    /**
     * The {@link org.lethe.nn.ParameterHash} of the model saved after {@code completedSteps} steps, read from the
     * file's header without loading its tensors.
     */
    public String parameterHash(int completedSteps) throws IOException {
        String h = SafeTensors.readHeader(file(completedSteps)).metadata().get("parameters_sha256");
        if (h == null) {
            throw new IOException(file(completedSteps) + ": checkpoint has no parameter hash");
        }
        return h;
    }

    @Override
    public OptionalInt latest() throws IOException {
        return latestAtMost(Integer.MAX_VALUE);
    }

    @Override
    public OptionalInt latestAtMost(int limit) throws IOException {
        TreeSet<Integer> steps = saved();
        Integer s = steps.floor(limit);
        return s == null ? OptionalInt.empty() : OptionalInt.of(s);
    }

    /** All saved step counts, ascending. */
    public TreeSet<Integer> saved() throws IOException {
        TreeSet<Integer> out = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                try {
                    out.add(Integer.parseInt(digits));
                } catch (NumberFormatException ignored) {
                    // Not one of ours; leave it alone.
                }
            }
        }
        return out;
    }
}
