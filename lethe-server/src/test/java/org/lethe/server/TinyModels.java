package org.lethe.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.lethe.exec.LocalJobRunner;
import org.lethe.store.ModelVersions;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;

/** A tiny SISA ensemble on a tenth of the bundled digits, trained once per test JVM and copied per test. */
public final class TinyModels {
    private static Path trained;

    private TinyModels() {
    }

    /** The data the tiny model trains on. */
    public static PreparedData data() throws Exception {
        return PreparedData.prepare("digits", 0.9, 3, 10, null);
    }

    /** A fresh copy of the tiny ensemble at {@code dir}. */
    public static synchronized Path sisa(Path dir) throws Exception {
        if (trained == null) {
            Path t = Files.createTempDirectory("lethe-tiny-sisa");
            // The trained original outlives every test of this JVM; remove it when the JVM ends.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> ModelVersions.discard(t)));
            TrainConfig c = new TrainConfig();
            c.batchSize = 32;
            c.learningRate = 0.05;
            c.seed = 11;
            SisaModel m = SisaModel.create(t.resolve("model"), ModelSpec.mlp(784, 8, 10), c, data(), 4, 2, 1, "mean");
            m.trainAll(new LocalJobRunner(2), null);
            trained = t.resolve("model");
        }
        copy(trained, dir);
        return dir;
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
