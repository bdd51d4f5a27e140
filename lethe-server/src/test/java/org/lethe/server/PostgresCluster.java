package org.lethe.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the storage tests, made with the installed server binaries (Debian's
 * {@code postgresql} package: {@code /usr/lib/postgresql/<version>/bin}) in a temporary directory on a free port,
 * started once per test JVM and stopped at its exit. initdb refuses to run as root, so as root the cluster runs as
 * {@code nobody} through {@code runuser}.
 */
public final class PostgresCluster {
    private static PostgresCluster instance;
    private static String unavailable;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final int port;

    private PostgresCluster(int port) {
        this.port = port;
    }

    /** The cluster, or null when it cannot be had; {@link #whyUnavailable} then says why. */
    public static synchronized PostgresCluster get() {
        if (instance == null && unavailable == null) {
            try {
                instance = start();
            } catch (Exception e) {
                unavailable = e.getMessage();
            }
        }
        return instance;
    }

    /** Why there is no cluster. */
    public static synchronized String whyUnavailable() {
        return unavailable;
    }

    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))
                    && Files.isExecutable(b.resolve("pg_ctl"))).sorted().reduce((a, b) -> b).orElse(null);
        }
    }

    private static PostgresCluster start() throws Exception {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin "
                    + "(install Debian's postgresql package)");
        }
        Path dir = Files.createTempDirectory("lethe-pg");
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> asUser = new ArrayList<>();
        if (root) {
            run(List.of("chown", "-R", "nobody", dir.toString()), dir);
            // nobody must be able to reach the directory through its parents.
            dir.toFile().setExecutable(true, false);
            asUser.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> initdb = new ArrayList<>(asUser);
        initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "lethe",
                "--auth=trust", "-E", "UTF8", "--no-sync"));
        run(initdb, dir);
        List<String> ctl = new ArrayList<>(asUser);
        ctl.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        run(ctl, dir);
        List<String> stop = new ArrayList<>(asUser);
        stop.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                new ProcessBuilder(stop).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(30, TimeUnit.SECONDS);
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (Exception ignored) {
                // the JVM is exiting; the temporary directory is left behind at worst
            }
        }));
        return new PostgresCluster(port);
    }

    private static void run(List<String> command, Path dir) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(4, command.size())))
                    + " failed: " + out.lines().reduce((a, b) -> b).orElse(""));
        }
    }

    /** A URL of a new, empty database in the cluster. */
    public String newDatabase() throws Exception {
        String name = "lethe_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    private String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=lethe";
    }
}
