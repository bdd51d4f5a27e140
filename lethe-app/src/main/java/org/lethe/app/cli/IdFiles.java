package org.lethe.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code --ids FILE} lists every command accepts: one example id per line (or the first CSV column). */
public final class IdFiles {
    private IdFiles() {
    }

    /** The ids in {@code file}, skipping blank lines and an {@code example_id}/{@code id} header. */
    public static List<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such file");
        }
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String id = line.split(",", 2)[0].trim();
            if (!id.isEmpty() && !id.equals("example_id") && !id.equals("id")) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            throw new IOException(file + ": no example ids in file");
        }
        return ids;
    }
}
