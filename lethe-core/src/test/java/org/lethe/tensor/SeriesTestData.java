package org.lethe.tensor;

/** Random series arrays for tests. */
final class SeriesTestData {
    private SeriesTestData() {
    }

    /** {@code n} series whose coefficients' real and imaginary parts are uniform in [-1, 1]. */
    static NDArray random(Series s, Rng rng, int n) {
        DoubleStorage st = (DoubleStorage) s.allocate(n);
        for (double[] plane : st.planes) {
            for (int i = 0; i < n; i++) {
                plane[i] = 2 * rng.nextDouble() - 1;
            }
        }
        return NDArray.ofStorage(s, st, n);
    }
}
