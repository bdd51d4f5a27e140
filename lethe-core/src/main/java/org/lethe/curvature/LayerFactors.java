package org.lethe.curvature;

/**
 * The K-FAC factors of one linear (or convolutional) layer {@code s = W a}: {@code A = (1/n) sum a_i a_i^T} over the
 * layer's inputs (the homogeneous coordinate 1 last when the layer has a bias) and {@code G = (1/n) sum g_i g_i^T}
 * over the gradients of each sample's loss at the layer's output.
 *
 * @param layer   the layer's name in the model ({@code fc0}, {@code blocks.0.ffn.up}, ...)
 * @param a       the input factor, {@code [q+1, q+1]} with a bias, {@code [q, q]} without
 * @param g       the output-gradient factor, {@code [p, p]}
 * @param samples {@code n}, the number of samples averaged over
 */
public record LayerFactors(String layer, SymmetricMatrix a, SymmetricMatrix g, long samples) {
}
