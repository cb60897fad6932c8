package org.langscore.huggingface.model;

/** Half-precision encoding of values that are exact in half precision, for test files. */
final class RandomModelHalf {

    private RandomModelHalf() {
    }

    /** @return the half bits of a normal, exactly representable value, or of zero */
    static short toHalf(float value) {
        if (value == 0f) {
            return 0;
        }
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xFF) - 127 + 15;
        return (short) (sign | (exponent << 10) | ((bits >>> 13) & 0x3FF));
    }
}
