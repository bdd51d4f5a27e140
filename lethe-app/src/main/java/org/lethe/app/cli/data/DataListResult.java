package org.lethe.app.cli.data;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code lethe data list --json} prints: the data sets known by name.
 *
 * @param datasets one row per name
 */
record DataListResult(List<Row> datasets) {

    /**
     * One named data set.
     *
     * @param name        its name
     * @param kind        {@code images} or {@code text} ({@code unknown} for a name without a description)
     * @param installed   whether it is available here
     * @param location    {@code bundled}, or the directory it is expected under
     * @param description its contents in words
     */
    @JsonPropertyOrder({"name", "kind", "installed", "location", "description"})
    record Row(String name, String kind, boolean installed, String location, String description) {
    }
}
