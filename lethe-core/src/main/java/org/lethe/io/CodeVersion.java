package org.lethe.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of the running Lethe code, for provenance records: the build's project version (a resource filled in
 * by Maven), else the jar manifest's {@code Implementation-Version}, else {@code "dev"}.
 */
public final class CodeVersion {
    static final String RESOURCE = "/org/lethe/version.properties";
    /** Used when no build information is available, for example when running from an IDE without Maven. */
    public static final String FALLBACK = "dev";

    private static final String CURRENT = detect();

    private CodeVersion() {
    }

    /** The version string, computed once. */
    public static String current() {
        return CURRENT;
    }

    private static String detect() {
        String fromResource = fromResource();
        if (fromResource != null) {
            return fromResource;
        }
        Package pkg = CodeVersion.class.getPackage();
        String fromManifest = pkg == null ? null : pkg.getImplementationVersion();
        return usable(fromManifest) ? fromManifest.trim() : FALLBACK;
    }

    private static String fromResource() {
        try (InputStream in = CodeVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            return usable(v) ? v.trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    // An unfiltered resource still holds the Maven placeholder; that is not a version.
    private static boolean usable(String v) {
        return v != null && !v.isBlank() && !v.contains("${");
    }
}
