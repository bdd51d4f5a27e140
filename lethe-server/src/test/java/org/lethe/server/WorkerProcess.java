package org.lethe.server;

import java.nio.file.Path;

/** A child JVM for {@link KillRecoveryTest}: opens the service in a data directory and applies what is queued. */
public final class WorkerProcess {
    private WorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (LetheServer server = LetheServer.open(LetheServer.Settings.defaults(Path.of(args[0])))) {
            server.worker().drain();
        }
    }
}
