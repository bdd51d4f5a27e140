package org.lethe.io;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalises configuration values to the forms JSON reads back, so that a record written and read again is equal
 * to the original: whole numbers become {@code Integer} (or {@code Long} outside int range), other numbers
 * {@code Double}, arrays and collections unmodifiable lists, maps unmodifiable insertion-ordered maps with string keys.
 */
final class JsonValues {
    private JsonValues() {
    }

    /** A normalised, unmodifiable copy of a string-keyed map; {@code where} names it in errors. */
    static Map<String, Object> normalizeMap(Map<?, ?> map, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new IllegalArgumentException(where + ": key " + e.getKey() + " is not a string");
            }
            String key = (String) e.getKey();
            out.put(key, normalize(e.getValue(), where + "." + key));
        }
        return Collections.unmodifiableMap(out);
    }

    static Object normalize(Object v, String where) {
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue();
        }
        if (v instanceof Long) {
            long l = (Long) v;
            // Not a conditional expression: that would promote the Integer branch back to long.
            if (l == (int) l) {
                return (int) l;
            }
            return l;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(where + ": " + d + " cannot be stored in JSON");
            }
            return d;
        }
        if (v instanceof Map) {
            return normalizeMap((Map<?, ?>) v, where);
        }
        if (v instanceof Collection) {
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (Object item : (Collection<?>) v) {
                out.add(normalize(item, where + "[" + i++ + "]"));
            }
            return Collections.unmodifiableList(out);
        }
        if (v.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(normalize(Array.get(v, i), where + "[" + i + "]"));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof CharSequence || v instanceof Enum) {
            return v.toString();
        }
        throw new IllegalArgumentException(where + ": a " + v.getClass().getSimpleName()
                + " is not a JSON value (use strings, numbers, booleans, lists and maps)");
    }
}
