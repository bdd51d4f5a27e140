package org.lethe.tensor;

/**
 * Hand-run timing (not a unit test) of one square matrix product in F64 and in series algebras: with all
 * coefficient planes filled (complex data) and with real coefficients only. Arguments: {@code [size] [order]
 * [repeats]}, by default a 64 x 64 product in {@code series3}.
 */
public final class SeriesGemmProbe {
    private SeriesGemmProbe() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int order = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Rng rng = new Rng(1);
        System.out.println("BLAS " + Blas.implementation() + ", " + size + "x" + size + "x" + size + ", " + repeats
                + " repeats");
        report("f64", time(Real64.INSTANCE, rng, size, repeats, true));
        report("series" + order + " complex", time(Series.of(order), rng, size, repeats, true));
        report("series" + order + " real", time(Series.of(order), rng, size, repeats, false));
    }

    private static void report(String what, double micros) {
        System.out.printf("%-20s %10.1f us per product%n", what, micros);
    }

    private static double time(Algebra algebra, Rng rng, int size, int repeats, boolean imaginaryParts) {
        Storage a = filled(algebra, rng, size * size, imaginaryParts);
        Storage b = filled(algebra, rng, size * size, imaginaryParts);
        Storage c = algebra.allocate(size * size);
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                algebra.gemm(false, false, size, size, size, 1.0, a, 0, size, b, 0, size, 0.0, c, 0, size);
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e3 / repeats);
        }
        return best;
    }

    private static Storage filled(Algebra algebra, Rng rng, int n, boolean imaginaryParts) {
        DoubleStorage s = (DoubleStorage) algebra.allocate(n);
        for (int p = 0; p < s.planes.length; p++) {
            if (p % 2 == 1 && !imaginaryParts) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                s.planes[p][i] = 2 * rng.nextDouble() - 1;
            }
        }
        return s;
    }
}
