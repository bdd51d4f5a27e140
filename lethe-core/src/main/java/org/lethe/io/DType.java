package org.lethe.io;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Real64;

/**
 * The safetensors element types Lethe reads. Floating-point types of 32 bits or fewer load as {@code f32} arrays;
 * {@code F64} and the integer types load as {@code f64} arrays (integers of magnitude above 2^53 lose precision).
 * Only {@code F32} and {@code F64} are written.
 */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The type named {@code name} in a header, or an error naming it and the supported types. */
    public static DType parse(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + name + "' (supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8)");
    }

    /** The type Lethe writes for an array: {@code F32} for {@code f32}, {@code F64} for {@code f64}. */
    public static DType forWriting(NDArray array, String tensorName) {
        if (array.algebra() == Real32.INSTANCE) {
            return F32;
        }
        if (array.algebra() == Real64.INSTANCE) {
            return F64;
        }
        throw new IllegalArgumentException("tensor '" + tensorName + "' uses algebra " + array.algebra().name()
                + "; only f32 and f64 arrays can be written to safetensors");
    }

    /** Decodes {@code count} little-endian elements from {@code buf} into a new array of the given shape. */
    NDArray decode(ByteBuffer buf, int count, int[] shape) {
        switch (this) {
            case F32: {
                float[] out = new float[count];
                buf.asFloatBuffer().get(out);
                return NDArray.wrap(out, shape);
            }
            case F16: {
                float[] out = new float[count];
                for (int i = 0; i < count; i++) {
                    out[i] = halfToFloat(buf.getShort(2 * i));
                }
                return NDArray.wrap(out, shape);
            }
            case BF16: {
                float[] out = new float[count];
                for (int i = 0; i < count; i++) {
                    out[i] = Float.intBitsToFloat((buf.getShort(2 * i) & 0xFFFF) << 16);
                }
                return NDArray.wrap(out, shape);
            }
            default: {
                double[] out = new double[count];
                for (int i = 0; i < count; i++) {
                    out[i] = readAsDouble(buf, i);
                }
                return NDArray.of(Real64.INSTANCE, out, shape);
            }
        }
    }

    private double readAsDouble(ByteBuffer buf, int i) {
        switch (this) {
            case F64: return buf.getDouble(8 * i);
            case I64: return buf.getLong(8 * i);
            case I32: return buf.getInt(4 * i);
            case I16: return buf.getShort(2 * i);
            case I8: return buf.get(i);
            case U8: return buf.get(i) & 0xFF;
            default: throw new IllegalStateException(name().toLowerCase(Locale.ROOT) + " is not decoded as double");
        }
    }

    /** IEEE 754 binary16 to float: exact, including subnormals, infinities and NaN. */
    static float halfToFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Subnormal (or zero): value = mantissa * 2^-24, exactly representable in float.
            float magnitude = mantissa * 0x1.0p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
