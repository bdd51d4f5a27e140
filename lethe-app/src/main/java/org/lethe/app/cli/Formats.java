package org.lethe.app.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Human-readable renderings shared by the commands: architectures, counts, percentages, step lists. */
public final class Formats {
    private Formats() {
    }

    /** A one-line description of a model architecture map, e.g. {@code mlp 784-256-128-10}. */
    public static String architecture(Map<String, ?> arch) {
        Object kind = arch.get("kind");
        if ("mlp".equals(kind) && arch.get("widths") instanceof List) {
            StringBuilder sb = new StringBuilder("mlp ");
            List<?> widths = (List<?>) arch.get("widths");
            for (int i = 0; i < widths.size(); i++) {
                sb.append(i == 0 ? "" : "-").append(widths.get(i));
            }
            return sb.toString();
        }
        if ("gpt".equals(kind)) {
            return String.format(Locale.ROOT, "gpt (context %s, %s layer(s), width %s, %s heads, %s tokens)",
                    arch.get("context"), arch.get("layers"), arch.get("width"), arch.get("heads"), arch.get("vocab"));
        }
        if ("cnn".equals(kind)) {
            return "cnn (conv 5x5 32, conv 5x5 64, fc 128, 10 classes)";
        }
        return String.valueOf(kind);
    }

    /**
     * Named figures in words, e.g. {@code first affected step 12, steps replayed 48}: names lose their underscores,
     * long lists show their length, numbers print as numbers.
     */
    public static String figures(Map<String, ?> figures) {
        if (figures.isEmpty()) {
            return "nothing";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ?> e : figures.entrySet()) {
            Object v = e.getValue();
            String shown = v instanceof List && ((List<?>) v).size() > 8 ? ((List<?>) v).size() + " listed"
                    : v instanceof Double || v instanceof Float ? decimal(((Number) v).doubleValue()) : String.valueOf(v);
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey().replace('_', ' ')).append(' ').append(shown);
        }
        return sb.toString();
    }

    /** {@code 12,345}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 96.15%}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** A number with four significant decimals, e.g. {@code 0.1290}. */
    public static String decimal(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }

    /** {@code 3, 17, 40, ... (31 in all)} listing at most {@code limit} steps; all of them when limit is 0. */
    public static String steps(int[] steps, int limit) {
        if (steps.length == 0) {
            return "none";
        }
        int shown = limit <= 0 ? steps.length : Math.min(limit, steps.length);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(steps[i]);
        }
        if (shown < steps.length) {
            sb.append(", ... (").append(count(steps.length)).append(" in all)");
        }
        return sb.toString();
    }

    /** Metrics as {@code accuracy 96.15%, loss 0.1290}. */
    public static String metrics(Map<String, ? extends Number> metrics) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ? extends Number> e : metrics.entrySet()) {
            if (e.getKey().equals("step")) {
                continue;
            }
            double v = e.getValue().doubleValue();
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(e.getKey().equals("accuracy") ? percent(v) : decimal(v));
        }
        return sb.toString();
    }
}
