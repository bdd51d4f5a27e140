package org.lethe.data;

import java.util.Objects;

/**
 * How {@link CsvDatasets} reads a CSV file. Immutable; each {@code with...} returns a changed copy.
 *
 * <p>Defaults: the label column is {@code label}; the id column is {@code id} or {@code example_id} when the
 * header has one (otherwise ids are {@code <name>-<row>} counting data rows from 0); the subject column is
 * {@code subject} when present; the name is the file name without its extension. Every other column is a feature.
 */
public final class CsvOptions {
    private final String labelColumn;
    private final String idColumn;
    private final String subjectColumn;
    private final String name;

    private CsvOptions(String labelColumn, String idColumn, String subjectColumn, String name) {
        this.labelColumn = labelColumn;
        this.idColumn = idColumn;
        this.subjectColumn = subjectColumn;
        this.name = name;
    }

    /** The defaults described above. */
    public static CsvOptions defaults() {
        return new CsvOptions("label", null, null, null);
    }

    /** Reads labels from {@code column}. */
    public CsvOptions withLabelColumn(String column) {
        return new CsvOptions(Objects.requireNonNull(column, "label column"), idColumn, subjectColumn, name);
    }

    /** Reads ids from {@code column}, which must exist. */
    public CsvOptions withIdColumn(String column) {
        return new CsvOptions(labelColumn, Objects.requireNonNull(column, "id column"), subjectColumn, name);
    }

    /** Reads subjects from {@code column}, which must exist; empty cells mean no subject. */
    public CsvOptions withSubjectColumn(String column) {
        return new CsvOptions(labelColumn, idColumn, Objects.requireNonNull(column, "subject column"), name);
    }

    /** Names the data set (and the default ids) {@code name}. */
    public CsvOptions withName(String datasetName) {
        return new CsvOptions(labelColumn, idColumn, subjectColumn, Objects.requireNonNull(datasetName, "name"));
    }

    public String labelColumn() {
        return labelColumn;
    }

    /** The explicit id column, or {@code null} for auto-detection. */
    public String idColumn() {
        return idColumn;
    }

    /** The explicit subject column, or {@code null} for auto-detection. */
    public String subjectColumn() {
        return subjectColumn;
    }

    /** The explicit name, or {@code null} for the file's stem. */
    public String name() {
        return name;
    }
}
