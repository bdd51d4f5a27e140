package org.lethe.tensor;

import dev.ludovic.netlib.blas.BLAS;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * The netlib SGEMM kernel without netlib's own bounds check. That check requires every operand to extend a whole
 * leading dimension past its last column, so it rejects valid sub-matrices that end inside a row: a block of
 * columns of a row-major matrix, which is what a split product over the columns of a transposed operand needs.
 * Without this entry point such operands are copied out first. The exact bounds are checked here instead, so
 * an out-of-range call still fails with an exception rather than touching memory it should not.
 *
 * <p>The kernel is a protected method of netlib's implementation classes; when it cannot be reached (a future
 * netlib, or netlib on the module path), {@link #available()} is false and callers keep copying.
 */
final class UncheckedSgemm {
    private static final MethodHandle KERNEL = find();

    private UncheckedSgemm() {
    }

    static boolean available() {
        return KERNEL != null;
    }

    private static MethodHandle find() {
        try {
            Class<?> impl = Class.forName("dev.ludovic.netlib.blas.AbstractBLAS");
            Method m = impl.getDeclaredMethod("sgemmK", String.class, String.class, int.class, int.class, int.class,
                    float.class, float[].class, int.class, int.class, float[].class, int.class, int.class, float.class,
                    float[].class, int.class, int.class);
            m.setAccessible(true);
            MethodHandle h = MethodHandles.lookup().unreflect(m);
            return h.asType(MethodType.methodType(void.class, BLAS.class, String.class, String.class, int.class,
                    int.class, int.class, float.class, float[].class, int.class, int.class, float[].class, int.class,
                    int.class, float.class, float[].class, int.class, int.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Column-major SGEMM as in netlib, with exact bounds checks. Only call when {@link #available()}. */
    static void sgemm(BLAS blas, boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        requireInside("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        requireInside("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        requireInside("C", c, cOff, ldc, m, n);
        // Plain String locals: invokeExact matches the call's static types exactly.
        String opA = transA ? "T" : "N";
        String opB = transB ? "T" : "N";
        try {
            KERNEL.invokeExact(blas, opA, opB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A column-major {@code rows x cols} matrix at {@code off} with leading dimension {@code ld} fits in {@code x}. */
    private static void requireInside(String name, float[] x, int off, int ld, int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            return;
        }
        if (off < 0 || ld < rows || (long) off + (long) (cols - 1) * ld + rows > x.length) {
            throw new IndexOutOfBoundsException(name + ": " + rows + "x" + cols + " at offset " + off + " with leading"
                    + " dimension " + ld + " does not fit in " + x.length + " elements");
        }
    }
}
