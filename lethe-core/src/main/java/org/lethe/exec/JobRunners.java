package org.lethe.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Chooses a {@link JobRunner} by name: {@code local}, or one a {@link JobRunnerProvider} on the class path offers. */
public final class JobRunners {
    /** The name of the {@link LocalJobRunner}, always available. */
    public static final String LOCAL = "local";

    private JobRunners() {
    }

    /**
     * The runner named {@code name}: for {@code local}, a {@link LocalJobRunner} of {@code threads} threads
     * ({@code master} must then be null); otherwise the provider's runner connected to {@code master}.
     *
     * @throws IllegalArgumentException naming the runners there are, when no provider offers {@code name} (for
     *         {@code spark}: the lethe-spark module is not on the class path)
     */
    public static ClosableJobRunner open(String name, String master, int threads, String appName) throws Exception {
        if (LOCAL.equals(name)) {
            if (master != null) {
                throw new IllegalArgumentException("--master is for a cluster runner; the local runner has none");
            }
            return ClosableJobRunner.of(new LocalJobRunner(threads));
        }
        List<String> names = new ArrayList<>(List.of(LOCAL));
        for (JobRunnerProvider p : ServiceLoader.load(JobRunnerProvider.class)) {
            if (p.name().equals(name)) {
                return p.open(master, appName);
            }
            names.add(p.name());
        }
        throw new IllegalArgumentException("no job runner '" + name + "' on the class path (available: "
                + String.join(", ", names) + ")" + ("spark".equals(name)
                ? "; the spark runner needs the lethe-spark module: run lethe-spark/bin/lethe-spark instead of lethe"
                : ""));
    }
}
