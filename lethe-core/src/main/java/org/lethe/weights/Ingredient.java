package org.lethe.weights;

/**
 * One input of a weight-space edit, as its record names it.
 *
 * @param role        what it is in the edit ({@code model}, {@code base}, {@code vector}, {@code key}, {@code to})
 * @param source      where it came from (a model path, a dictionary key)
 * @param hash        its parameter hash
 * @param coefficient its coefficient in the result (null when it enters otherwise, as an alignment target does)
 */
public record Ingredient(String role, String source, String hash, Double coefficient) {
}
