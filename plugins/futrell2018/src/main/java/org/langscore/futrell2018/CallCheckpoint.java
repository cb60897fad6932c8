package org.langscore.futrell2018;

import java.nio.ByteBuffer;

/** Encodes the reading times of one {@code digestText} call for a checkpoint: big-endian doubles, NaN kept. */
final class CallCheckpoint {
    private CallCheckpoint() {
    }

    static byte[] encode(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES);
        for (double value : values) {
            buffer.putDouble(value);
        }
        return buffer.array();
    }

    /** @return the values, or an empty array when the bytes are no whole number of doubles (a foreign file) */
    static double[] decode(byte[] bytes) {
        if (bytes.length % Double.BYTES != 0) {
            return new double[0];
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        double[] values = new double[bytes.length / Double.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getDouble();
        }
        return values;
    }
}
