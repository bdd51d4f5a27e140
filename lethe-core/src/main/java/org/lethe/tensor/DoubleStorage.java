package org.lethe.tensor;

/**
 * One or more {@code double} planes of equal length. The real F64 algebra uses one plane; algebras whose
 * elements carry several numbers (series coefficients, real and imaginary parts) use one plane per number, so
 * that every linear operation is the same operation applied plane by plane.
 */
public final class DoubleStorage extends Storage {
    /** The planes, each row-major over the elements. */
    public final double[][] planes;

    public DoubleStorage(double[][] planes) {
        this.planes = planes;
    }

    /** A single-plane storage over {@code data}. */
    public DoubleStorage(double[] data) {
        this(new double[][] {data});
    }

    /** The first plane: the value itself for F64, the real constant term for series. */
    public double[] data() {
        return planes[0];
    }

    @Override
    public int size() {
        return planes[0].length;
    }
}
