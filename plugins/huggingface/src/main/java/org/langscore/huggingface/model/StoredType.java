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

    /** Elements widened per block of the array loop: 64 KiB of halves, cache-sized. */
    private static final int BLOCK = 1 << 15;

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
        if (this == F32) {
            // A plain copy of the bits: bulk transfers, no per-element work.
            target.put(out, source.duplicate().position(in).limit(in + 4 * count).slice()
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer(), 0, count);
            return;
        }
        // In blocks through plain arrays: a bulk read, a loop the JIT vectorises, a bulk write.
        short[] halves = new short[Math.min(count, BLOCK)];
        float[] floats = new float[halves.length];
        java.nio.ShortBuffer shorts = source.duplicate().position(in).limit(in + 2 * count).slice()
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        for (int done = 0; done < count; done += halves.length) {
            int length = Math.min(halves.length, count - done);
            shorts.get(done, halves, 0, length);
            if (this == BF16) {
                for (int i = 0; i < length; i++) {
                    floats[i] = Float.intBitsToFloat(halves[i] << 16);
                }
            } else {
                for (int i = 0; i < length; i++) {
                    floats[i] = HALF_TO_FLOAT[halves[i] & 0xFFFF];
                }
            }
            target.put(out + done, floats, 0, length);
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
