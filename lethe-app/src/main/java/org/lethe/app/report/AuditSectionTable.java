package org.lethe.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lethe.audit.json.AuditSection;

/**
 * The report's table of one further test: every field of its section, whatever the test. It walks the section's
 * JSON tree, so a new field shows up without a change here, under the name it has in {@code audit.json}.
 */
final class AuditSectionTable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_LISTED = 12;

    private AuditSectionTable() {
    }

    /** Appends the heading, the summary (if any) and the table; a null section is "not measured". */
    static void append(StringBuilder h, String title, AuditSection s) {
        append(h, title, s, null);
    }

    /** As {@link #append(StringBuilder, String, AuditSection)}, naming the command that measures a missing section. */
    static void append(StringBuilder h, String title, AuditSection s, String measuredBy) {
        h.append("<h3>").append(AuditReport.esc(title)).append("</h3>\n");
        if (s == null) {
            h.append("<p class=\"muted\">Not measured in this audit").append(measuredBy == null ? "." : "; <code>"
                    + AuditReport.esc(measuredBy) + "</code> measures it.").append("</p>\n");
            return;
        }
        if (s.summary() != null) {
            h.append("<p>").append(AuditReport.esc(s.summary())).append("</p>\n");
        }
        h.append("<table class=\"kv\">\n");
        JsonNode tree = MAPPER.valueToTree(s);
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            h.append("<tr><th>").append(AuditReport.esc(e.getKey().replace('_', ' '))).append("</th><td>")
                    .append(AuditReport.esc(value(e.getValue()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String value(JsonNode v) {
        if (v.isFloatingPointNumber()) {
            return String.format(Locale.ROOT, "%.4g", v.doubleValue());
        }
        if (v.isArray() && v.size() > MAX_LISTED) {
            List<String> first = new ArrayList<>();
            for (int i = 0; i < MAX_LISTED; i++) {
                first.add(plain(v.get(i)));
            }
            return "[" + String.join(", ", first) + "] ... (" + v.size() + " values)";
        }
        return plain(v);
    }

    /** Lists and objects as Java prints its collections ({@code [a, b]}, {@code {k=v}}), the rest as plain text. */
    private static String plain(JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(plain(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (v.isObject()) {
            List<String> items = new ArrayList<>();
            v.fields().forEachRemaining(e -> items.add(e.getKey() + "=" + plain(e.getValue())));
            return "{" + String.join(", ", items) + "}";
        }
        return v.asText();
    }
}
