package org.lethe.unlearn;

import java.util.List;

/**
 * Registers deletion methods that live above {@code unlearn} in the layer table (curvature editing, weight-space
 * algebra), which the registry's own list cannot name without importing upward. Implementations are listed in
 * {@code META-INF/services/org.lethe.unlearn.DeletionMethodProvider} and found with {@link java.util.ServiceLoader};
 * their methods follow the registry's own, ordered by provider class name so the order does not depend on the class
 * path.
 */
public interface DeletionMethodProvider {
    /** The methods this provider registers. */
    List<DeletionMethod> methods();
}
