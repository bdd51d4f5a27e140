package org.lethe.app.cli;

import org.lethe.exec.ClosableJobRunner;
import org.lethe.exec.JobRunners;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --runner local|spark} and {@code --master URL} of commands that run independent jobs (SISA shards, an
 * audit's comparison models, sketch directions); a picocli {@code @Mixin}. A runner other than {@code local} comes
 * from a module on the class path (found by name, so the application does not depend on it).
 */
public final class RunnerOption {
    @Option(names = "--runner", paramLabel = "NAME", defaultValue = JobRunners.LOCAL,
            description = {"Where the independent jobs run: local (this process; default) or spark (a Spark "
                    + "cluster; needs the lethe-spark module: start lethe-spark/bin/lethe-spark)."})
    private String runner;

    @Option(names = "--master", paramLabel = "URL",
            description = {"The Spark master of --runner spark: local[N], local-cluster[W,C,MB] or spark://HOST:PORT."})
    private String master;

    /** Whether the jobs run in this process. */
    public boolean isLocal() {
        return JobRunners.LOCAL.equals(runner);
    }

    /**
     * Opens the chosen runner ({@code threads} for the local one); a runner that does not exist, or a
     * {@code --master} without a cluster runner, is a usage mistake of {@code command}.
     */
    public ClosableJobRunner open(CommandSpec command, int threads) throws Exception {
        try {
            return JobRunners.open(runner, master, threads, "lethe " + command.qualifiedName(" ").replaceFirst("^\\S+ ", ""));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
