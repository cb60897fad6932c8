package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An epilogue fused into a packed product (a oneDNN post-op) equals the product followed by the epilogue
 * as its own libtorch op: in float32 within the summation-order tolerance of the product (scaled by how
 * much the epilogue can stretch it), in bfloat16 within the rounding of the operands and of the output.
 */
class EpilogueTest {

    /** float32 rounding of a sum of k terms in another order, and of the activation itself. */
    private static final double FLOAT32_TOLERANCE = 2e-6;
    /** bfloat16 keeps 8 significant bits: each operand and the output are rounded by at most 2^-9 of their size. */
    private static final double BFLOAT16_TOLERANCE = Math.scalb(1.0, -7);

    @ParameterizedTest
    @EnumSource(Epilogue.class)
    void fusedFloat32EqualsTheSeparateOps(Epilogue epilogue) {
        compare(epilogue, false);
    }

    @ParameterizedTest
    @EnumSource(Epilogue.class)
    void fusedBfloat16EqualsTheSeparateOpsWithinItsRounding(Epilogue epilogue) {
        assertTrue(PackedProducts.bfloat16Available(), "oneDNN has bfloat16 kernels on this CPU");
        compare(epilogue, true);
    }

    @Test
    void aSecondArrayGoesWithTimesAndPlusAlone() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.ones(new Shape(2, 4));
            NDArray w = manager.ones(new Shape(3, 4));
            try (var packed = PackedProducts.pack(w)) {
                assertThrows(IllegalArgumentException.class,
                        () -> PackedProducts.linear(x, packed, null, Epilogue.TIMES, null));
                assertThrows(IllegalArgumentException.class,
                        () -> PackedProducts.linear(x, packed, null, Epilogue.GELU_TANH, manager.ones(new Shape(2, 3))));
            }
        }
    }

    private static void compare(Epilogue epilogue, boolean bfloat16) {
        Random random = new Random(31 + epilogue.ordinal());
        for (int[] dims : new int[][] {{1, 8, 3}, {9, 96, 33}, {37, 512, 300}}) {
            int n = dims[0];
            int in = dims[1];
            int out = dims[2];
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                float[] xs = gaussian(random, n * in, 1.0 / Math.sqrt(in));
                float[] ws = gaussian(random, out * in, 1.0);
                float[] others = gaussian(random, n * out, 1.0);
                NDArray x = manager.create(xs, new Shape(n, in));
                NDArray w = manager.create(ws, new Shape(out, in));
                NDArray b = manager.create(gaussian(random, out, 1.0));
                NDArray other = epilogue.takesOther() ? manager.create(others, new Shape(n, out)) : null;
                // the reference: float32 BLAS product, then the epilogue as its own op
                float[] expected = epilogue.applySeparately(TensorOps.linear(x, w, b), other).toFloatArray();
                float[] actual;
                try (var packed = bfloat16 ? PackedProducts.packBfloat16(w) : PackedProducts.pack(w)) {
                    actual = (bfloat16 ? PackedProducts.bfloat16Linear(x, packed, b, epilogue, other)
                            : PackedProducts.linear(x, packed, b, epilogue, other)).toFloatArray();
                }
                for (int i = 0; i < n; i++) {
                    for (int o = 0; o < out; o++) {
                        int at = i * out + o;
                        // GELU, SiLU and ReLU stretch an error by at most 1.13; TIMES by the other factor
                        double stretch = epilogue == Epilogue.TIMES ? Math.abs(others[at]) : 1.13;
                        double scale = termScale(xs, ws, in, i, o) * stretch;
                        double allowed = bfloat16
                                ? BFLOAT16_TOLERANCE * (scale + Math.abs(expected[at])) + 1e-6
                                : FLOAT32_TOLERANCE * (scale + Math.abs(expected[at]));
                        assertEquals(expected[at], actual[at], allowed, epilogue + (bfloat16 ? " bfloat16 " : " float32 ")
                                + n + "x" + in + "x" + out + " at " + i + "," + o);
                    }
                }
            }
        }
    }

    /** 1 + the sum of the product's terms' magnitudes, the bias's included: the scale of its rounding. */
    private static double termScale(float[] xs, float[] ws, int in, int i, int o) {
        double scale = 1;
        for (int k = 0; k < in; k++) {
            scale += Math.abs((double) xs[i * in + k] * ws[o * in + k]);
        }
        return scale;
    }

    private static float[] gaussian(Random random, int count, double sigma) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * sigma);
        }
        return values;
    }
}
