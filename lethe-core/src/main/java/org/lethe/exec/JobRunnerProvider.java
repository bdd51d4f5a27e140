package org.lethe.exec;

/**
 * A kind of {@link JobRunner} that a module on the class path offers under a name ({@code spark}), found through
 * {@link java.util.ServiceLoader} so that the modules which choose a runner (the command line) need not depend on
 * the module which implements it. An implementation is listed in
 * {@code META-INF/services/org.lethe.exec.JobRunnerProvider}.
 */
public interface JobRunnerProvider {
    /** The name a user chooses the runner by, as in {@code --runner NAME}. */
    String name();

    /**
     * Opens a runner connected to {@code master} (the cluster's address; null for the provider's default).
     * The caller closes it when its batches are done.
     *
     * @param appName what the cluster shows as the application's name
     */
    ClosableJobRunner open(String master, String appName) throws Exception;
}
