package org.lethe.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the {@code lethe} command line in-process with captured streams. */
public final class Cli {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What one run printed and returned. */
    public static final class Result {
        public final int exitCode;
        public final String out;
        public final String err;

        Result(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        public String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }

        /** Standard output parsed as one JSON document. */
        public JsonNode json() {
            try {
                return MAPPER.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not one JSON document:\n" + out + "\nstderr:\n" + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private Cli() {
    }

    /** A JSON object's keys in the order they were printed. */
    public static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    public static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs a command that must succeed silently on standard error. */
    public static Result ok(String... args) {
        Result r = run(args);
        if (r.exitCode != 0 || !r.err.isEmpty()) {
            throw new AssertionError("lethe " + String.join(" ", args) + " failed: " + r);
        }
        return r;
    }
}
