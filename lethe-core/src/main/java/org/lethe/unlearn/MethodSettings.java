package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a deletion method's parameters: every declared parameter, given or defaulted, each of its declared
 * type. Made only through {@link DeletionMethod#settings}, so a method never sees an unknown or mistyped setting.
 */
public final class MethodSettings {
    private final Map<String, Object> values;

    private MethodSettings(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Settings for {@code parameters} from {@code given} (names to raw values); unknown names are an error. */
    static MethodSettings of(String method, List<MethodParameter> parameters, Map<String, ?> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> known = new ArrayList<>();
        for (MethodParameter p : parameters) {
            known.add(p.name());
            Object raw = given.get(p.name());
            values.put(p.name(), raw == null ? p.defaultValue() : p.convert(raw));
        }
        for (String name : given.keySet()) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("method " + method + " has no parameter '" + name + "'"
                        + (known.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", known) + ")"));
            }
        }
        return new MethodSettings(values);
    }

    /** An integer parameter's value. */
    public int integer(String name) {
        return (Integer) get(name);
    }

    /** A real parameter's value. */
    public double real(String name) {
        return (Double) get(name);
    }

    /** Every value by name, in declaration order (what deletion records store). */
    public Map<String, Object> values() {
        return values;
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' among " + values.keySet());
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MethodSettings && ((MethodSettings) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
