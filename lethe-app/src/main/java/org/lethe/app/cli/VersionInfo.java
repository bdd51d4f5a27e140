package org.lethe.app.cli;

import org.lethe.tensor.Blas;
import picocli.CommandLine;

/** What {@code --version} prints: Lethe's version and the runtime it computes on. */
public final class VersionInfo implements CommandLine.IVersionProvider {

    /** The version in the application jar's manifest, or {@code development} when run from classes. */
    public static String lethe() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "lethe " + lethe(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")",
            "BLAS " + Blas.implementation() + ", " + Runtime.getRuntime().availableProcessors() + " processors, "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap"
        };
    }
}
