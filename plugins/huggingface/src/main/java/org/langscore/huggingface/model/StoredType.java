package org.langscore.huggingface.model;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The floating-point element types a safetensors checkpoint may store weights in, and their exact
 * widening to float32 (every F16 and BF16 value is a float32, so widening never rounds).
 */
enum StoredType {
    /** IEEE single precision, used as it is. */
    F32(4),
    /** IEEE half precision. */
    F16(2),
    /** bfloat16: the upper 16 bits of a float32. */
    BF16(2);

    /** The float16 to float32 table: 65,536 entries, built once. */
    private static final float[] HALF_TO_FLOAT = buildHalfTable();

    private final int bytes;

    StoredType(int bytes) {
        this.bytes = bytes;
    }

    /** @return bytes per element */
    int bytes() {
        return bytes;
    }

    /**
     * @param dtype a safetensors dtype string
     * @param tensor the tensor's name, for the message
     * @param file the file, for the message
     * @return the type
     * @throws ScoringException {@link ErrorCode#MODEL_LOAD_FAILED} for any dtype but F32, F16 and BF16
     */
    static StoredType of(String dtype, String tensor, Object file) {
        switch (dtype) {
            case "F32":
                return F32;
            case "F16":
                return F16;
            case "BF16":
                return BF16;
            default:
                throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Tensor '" + tensor + "' in " + file
                        + " has dtype " + dtype + "; only F32, F16 and BF16 weights are supported");
        }
    }

    /**
     * Widens {@code count} elements.
     *
     * @param source the raw little-endian bytes
     * @param from the first element to read, counted in elements of this type
     * @param target where the floats go
     * @param to the first float to write
     * @param count how many elements
     */
    void widen(ByteBuffer source, long from, FloatBuffer target, long to, int count) {
        int in = Math.toIntExact(from * bytes);
        int out = Math.toIntExact(to);
        switch (this) {
            case F32:
                for (int i = 0; i < count; i++) {
                    target.put(out + i, source.getFloat(in + 4 * i));
                }
                break;
            case F16:
                for (int i = 0; i < count; i++) {
                    target.put(out + i, HALF_TO_FLOAT[source.getShort(in + 2 * i) & 0xFFFF]);
                }
                break;
            case BF16:
                for (int i = 0; i < count; i++) {
                    target.put(out + i, Float.intBitsToFloat(source.getShort(in + 2 * i) << 16));
                }
                break;
        }
    }

    /**
     * Converts one IEEE 754 half-precision value to float32 (exact: every half is a float).
     *
     * @param bits the 16 bits of the half
     * @return the same number as a float
     */
    static float halfToFloat(short bits) {
        return HALF_TO_FLOAT[bits & 0xFFFF];
    }

    private static float[] buildHalfTable() {
        float[] table = new float[1 << 16];
        for (int bits = 0; bits < table.length; bits++) {
            int sign = (bits >>> 15) & 1;
            int exponent = (bits >>> 10) & 0x1F;
            int mantissa = bits & 0x3FF;
            float magnitude;
            if (exponent == 0) {
                magnitude = mantissa * 0x1p-24f; // subnormal: mantissa * 2^-14 / 1024
            } else if (exponent == 31) {
                magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
            } else {
                magnitude = Float.intBitsToFloat(((exponent - 15 + 127) << 23) | (mantissa << 13));
            }
            table[bits] = sign == 1 ? -magnitude : magnitude;
        }
        return table;
    }
}
