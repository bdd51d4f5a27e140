package org.lethe.audit.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Defensive copies of lists that may hold nulls (undefined numbers), which {@code List.copyOf} refuses. */
final class Lists {
    private Lists() {
    }

    static <T> List<T> copyWithNulls(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
