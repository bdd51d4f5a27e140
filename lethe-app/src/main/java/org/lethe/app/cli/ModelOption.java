package org.lethe.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.lethe.store.StoredModel;
import picocli.CommandLine.Option;

/**
 * The required {@code --model RUN|FILE} of commands that read a trained model or its run ({@code info},
 * {@code eval}, {@code predict}, {@code data steps}, {@code data batch}); commands take it as a picocli
 * {@code @Mixin}. What the path may name is {@link StoredModel}'s to decide.
 */
public final class ModelOption {
    @Option(names = "--model", paramLabel = "RUN|FILE", required = true,
            description = "A run directory, a SISA ensemble's directory or a .safetensors model file (with its card "
                    + "beside it).")
    private Path path;

    /** The path as given. */
    public Path path() {
        return path;
    }

    /** What the path names, a SISA ensemble included ({@link StoredModel#open}). */
    public StoredModel resolveAny() throws IOException {
        return StoredModel.open(path);
    }

    /** What the path names ({@link StoredModel#openSingle}). */
    public StoredModel resolve() throws IOException {
        return StoredModel.openSingle(path);
    }
}
