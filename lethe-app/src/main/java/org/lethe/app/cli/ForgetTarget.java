package org.lethe.app.cli;

import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The examples a deletion is about, the same in every command that names them ({@code forget}, {@code audit},
 * {@code audit probe|relearn}, {@code sketch predict}): {@code --subject S[,S...]} or {@code --ids IDS|FILE}, and
 * with {@link WithClass} also {@code --class C[,C...]}. The options exclude each other; commands declare the class
 * as an exclusive {@code @ArgGroup} (not inside a mixin, where picocli would list the group twice).
 */
public class ForgetTarget {
    @Option(names = "--subject", paramLabel = "S", arity = "1..*", split = ",",
            description = "Subject(s) whose examples are forgotten, comma-separated.")
    private List<String> subjects;

    @Option(names = "--ids", paramLabel = "IDS|FILE", description = "Examples forgotten: " + Ids.HELP + ".")
    private String ids;

    /** The subjects, or null when the target is not given by subject. */
    public List<String> subjects() {
        return subjects;
    }

    /** True when the target is given by {@code --ids}. */
    public boolean byIds() {
        return ids != null;
    }

    /** The example ids ({@link Ids#parse}), or an empty list when the target is not given by ids. */
    public List<String> ids() throws IOException {
        return ids == null ? List.of() : Ids.parse(ids);
    }

    /** {@code subjects [a, b]}, {@code ids in FILE} or {@code ids [x, y]}, for reports; null for classes. */
    public String describe() throws IOException {
        if (subjects != null) {
            return "subjects " + subjects;
        }
        if (ids != null) {
            return Ids.isFile(ids) ? "ids in " + ids : "ids " + Ids.parse(ids);
        }
        return null;
    }

    /** The options that name this target again, for a command to suggest ({@code --subject a,b}). */
    public String asOptions() {
        if (subjects != null) {
            return "--subject " + String.join(",", subjects);
        }
        return ids != null ? "--ids " + ids : "";
    }

    /** The target of audits, which may also name whole classes. */
    public static class WithClass extends ForgetTarget {
        @Option(names = "--class", paramLabel = "C", arity = "1..*", split = ",",
                description = "Class(es) whose examples are forgotten, comma-separated.")
        private List<Integer> classes;

        /** The classes, or null when the target is not given by class. */
        public List<Integer> classes() {
            return classes;
        }

        @Override
        public String asOptions() {
            String o = super.asOptions();
            if (!o.isEmpty() || classes == null) {
                return o;
            }
            List<String> names = new java.util.ArrayList<>();
            for (int c : classes) {
                names.add(String.valueOf(c));
            }
            return "--class " + String.join(",", names);
        }

        @Override
        public String describe() throws IOException {
            String d = super.describe();
            return d != null ? d : "classes " + classes;
        }
    }
}
