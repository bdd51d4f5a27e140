package org.lethe.tensor;

/**
 * The flat memory behind an {@link NDArray}. Each {@link Algebra} decides how elements are laid out:
 * the real algebras keep one primitive per element, the series algebra keeps one plane per coefficient.
 */
public abstract class Storage {
    /** Number of elements (not primitives) this storage holds. */
    public abstract int size();
}
