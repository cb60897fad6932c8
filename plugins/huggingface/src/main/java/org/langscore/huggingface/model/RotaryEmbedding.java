package org.langscore.huggingface.model;

import java.nio.FloatBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding in the rotate-half layout (dim {@code c} pairs with {@code c + R/2}) over
 * the first {@code R} dims of each head.
 *
 * <p>The inverse frequencies are float32 values computed as transformers computes them. The angle
 * {@code p * inv_freq} is computed in double precision and only its cosine and sine are rounded to
 * float32, so that positions far beyond the trained window (the {@code sliding} policy) keep
 * full-precision angles; transformers multiplies in float32, which differs by at most one float32
 * ulp of the angle (about 1e-5 rad at position 168), well inside the parity tolerances.
 */
public final class RotaryEmbedding {

    private final int rotaryDim;
    private final double theta;
    private final RopeScaling scaling;
    private final int maxPositionEmbeddings;
    private final float[] baseInvFreq;

    /**
     * @param rotaryDim {@code R}, even
     * @param theta the base
     * @param scaling the {@code rope_scaling} rule
     * @param maxPositionEmbeddings the trained length ({@code dynamic} scaling)
     */
    public RotaryEmbedding(int rotaryDim, double theta, RopeScaling scaling, int maxPositionEmbeddings) {
        if (rotaryDim <= 0 || rotaryDim % 2 != 0) {
            throw new IllegalArgumentException("rotary dim must be positive and even: " + rotaryDim);
        }
        this.rotaryDim = rotaryDim;
        this.theta = theta;
        this.scaling = scaling;
        this.maxPositionEmbeddings = maxPositionEmbeddings;
        this.baseInvFreq = scaling.type() == RopeScaling.Type.LLAMA3
                ? llama3(inverseFrequencies(theta, rotaryDim), scaling) : inverseFrequencies(theta, rotaryDim);
    }

    /** @return {@code R} */
    public int rotaryDim() {
        return rotaryDim;
    }

    /** {@code inv_freq[i] = 1 / theta^(2i/R)} in float32 arithmetic, as transformers computes it. */
    static float[] inverseFrequencies(double theta, int rotaryDim) {
        float[] inv = new float[rotaryDim / 2];
        for (int i = 0; i < inv.length; i++) {
            float exponent = (float) (2 * i) / (float) rotaryDim;
            inv[i] = 1.0f / (float) Math.pow(theta, exponent);
        }
        return inv;
    }

    private static float[] llama3(float[] inv, RopeScaling s) {
        double lowWavelength = s.originalMaxPositions() / s.lowFreqFactor();
        double highWavelength = s.originalMaxPositions() / s.highFreqFactor();
        float[] out = new float[inv.length];
        for (int i = 0; i < inv.length; i++) {
            double wavelength = 2 * Math.PI / inv[i];
            if (wavelength < highWavelength) {
                out[i] = inv[i];
            } else if (wavelength > lowWavelength) {
                out[i] = (float) (inv[i] / s.factor());
            } else {
                double smooth = (s.originalMaxPositions() / wavelength - s.lowFreqFactor())
                        / (s.highFreqFactor() - s.lowFreqFactor());
                out[i] = (float) ((1 - smooth) * inv[i] / s.factor() + smooth * inv[i]);
            }
        }
        return out;
    }

    /**
     * The cosine and sine tables for the given positions.
     *
     * @param manager where the tables are created
     * @param positions the position of each token, {@code [n]}
     * @return {cos, sin}, each {@code [n, 1, R]} (the middle axis broadcasts over heads)
     */
    public NDArray[] tables(NDManager manager, long[] positions) {
        float[] inv = baseInvFreq;
        if (scaling.type() == RopeScaling.Type.DYNAMIC) {
            long maxPosition = 0;
            for (long p : positions) {
                maxPosition = Math.max(maxPosition, p);
            }
            long length = maxPosition + 1;
            if (length > maxPositionEmbeddings) {
                double f = scaling.factor();
                double base = theta * Math.pow(f * length / maxPositionEmbeddings - (f - 1),
                        rotaryDim / (rotaryDim - 2.0));
                inv = inverseFrequencies(base, rotaryDim);
            }
        }
        double positionScale = scaling.type() == RopeScaling.Type.LINEAR ? 1.0 / scaling.factor() : 1.0;
        int half = rotaryDim / 2;
        float[] cos = new float[positions.length * rotaryDim];
        float[] sin = new float[positions.length * rotaryDim];
        for (int t = 0; t < positions.length; t++) {
            double p = positions[t] * positionScale;
            for (int i = 0; i < half; i++) {
                double angle = p * inv[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                int row = t * rotaryDim;
                cos[row + i] = c;
                cos[row + half + i] = c;
                sin[row + i] = s;
                sin[row + half + i] = s;
            }
        }
        Shape shape = new Shape(positions.length, 1, rotaryDim);
        return new NDArray[] {manager.create(FloatBuffer.wrap(cos), shape), manager.create(FloatBuffer.wrap(sin), shape)};
    }

    /**
     * Rotates the first {@code R} dims of every head; the rest pass through.
     *
     * @param x {@code [n, heads, d]}
     * @param tables the result of {@link #tables}
     * @return {@code [n, heads, d]}
     */
    public NDArray apply(NDArray x, NDArray[] tables) {
        long headDim = x.getShape().get(2);
        int half = rotaryDim / 2;
        NDArray rotated = x.get(new NDIndex(":, :, :{}", rotaryDim));   // [n, heads, R]
        NDArray first = rotated.get(new NDIndex(":, :, :{}", half));     // [n, heads, R/2]
        NDArray second = rotated.get(new NDIndex(":, :, {}:", half));    // [n, heads, R/2]
        NDArray rotateHalf = second.neg().concat(first, 2);              // [n, heads, R]
        NDArray out = rotated.mul(tables[0]).add(rotateHalf.mul(tables[1]));
        if (rotaryDim == headDim) {
            return out;
        }
        return out.concat(x.get(new NDIndex(":, :, {}:", rotaryDim)), 2);  // [n, heads, d]
    }
}
