package org.lethe.curvature;

/**
 * What {@code lethe curvature spectrum} plots for one layer: the eigenvalues of its factors (descending), the
 * share of eigen-pairs the keep-mass selection keeps at each keep-mass of a grid, and the band diagnostic.
 *
 * @param keepMasses  the grid of keep-masses rho
 * @param keptPairs   the fraction of pairs kept at each of them
 */
public record LayerSpectrum(String layer, double[] inputEigenvalues, double[] outputEigenvalues, double[] keepMasses,
                            double[] keptPairs, BandDiagnostic.LayerBands bands) {
    /** A grid of keep-masses dense near one, where the kept share changes fastest. */
    public static double[] keepMassGrid() {
        double[] grid = new double[40];
        for (int i = 0; i < grid.length; i++) {
            // 1 - 10^(-4 i / (n - 1)) runs from 0 to 0.9999.
            grid[i] = 1.0 - Math.pow(10, -4.0 * i / (grid.length - 1));
        }
        grid[0] = 1e-4;
        return grid;
    }

    /** The curves of one layer from its eigenbases and its band shares. */
    public static LayerSpectrum of(String layer, Eigenbasis input, Eigenbasis output, BandDiagnostic.LayerBands bands) {
        double[] grid = keepMassGrid();
        double[] kept = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            kept[i] = KeepMassSelection.select(output.values(), input.values(), grid[i]).keptFraction();
        }
        return new LayerSpectrum(layer, input.values().clone(), output.values().clone(), grid, kept, bands);
    }
}
