package org.lethe.unlearn;

import java.util.Locale;

/**
 * One setting of a deletion method: a snake_case name (as written in deletion records and on the command line),
 * a type, a default and a sentence for help texts.
 *
 * @param name         the parameter's name
 * @param type         its type
 * @param defaultValue its default, of the type's Java class
 * @param description  what it does, for help texts
 */
public record MethodParameter(String name, Type type, Object defaultValue, String description) {
    /** The types a parameter may have, with the Java class of their values. */
    public enum Type {
        INTEGER(Integer.class), REAL(Double.class), BOOLEAN(Boolean.class), TEXT(String.class);

        final Class<?> javaClass;

        Type(Class<?> javaClass) {
            this.javaClass = javaClass;
        }
    }

    /** Checks that the default has the declared type. */
    public MethodParameter {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter names are snake_case, got '" + name + "'");
        }
        if (!type.javaClass.isInstance(defaultValue)) {
            throw new IllegalArgumentException("default of " + name + " is not a " + type);
        }
    }

    /** An integer parameter. */
    public static MethodParameter integer(String name, int defaultValue, String description) {
        return new MethodParameter(name, Type.INTEGER, defaultValue, description);
    }

    /** A real-valued parameter. */
    public static MethodParameter real(String name, double defaultValue, String description) {
        return new MethodParameter(name, Type.REAL, defaultValue, description);
    }

    /**
     * The value {@code raw} (text from a command line, or a number, boolean or string read from JSON) as this
     * parameter's type; an error names the parameter and what was expected.
     */
    public Object convert(Object raw) {
        if (type.javaClass.isInstance(raw)) {
            return raw;
        }
        String text = String.valueOf(raw).trim();
        try {
            switch (type) {
                case INTEGER:
                    if (raw instanceof Number && ((Number) raw).doubleValue() == Math.rint(((Number) raw).doubleValue())) {
                        return Math.toIntExact(((Number) raw).longValue());
                    }
                    return Integer.parseInt(text);
                case REAL:
                    double v = raw instanceof Number ? ((Number) raw).doubleValue() : Double.parseDouble(text);
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    return v;
                case BOOLEAN:
                    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                        return Boolean.parseBoolean(text);
                    }
                    throw new NumberFormatException();
                default:
                    return text;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("parameter " + name + " must be " + typeWord() + ", got '" + raw + "'");
        }
    }

    private String typeWord() {
        switch (type) {
            case INTEGER: return "an integer";
            case REAL: return "a finite number";
            case BOOLEAN: return "true or false";
            default: return "text";
        }
    }

    /** {@code name (type, default d): description}, for help texts and listings. */
    public String summary() {
        return name + " (" + type.name().toLowerCase(Locale.ROOT) + ", default " + defaultValue + "): " + description;
    }
}
