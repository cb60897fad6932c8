package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bfloat16 products: the TorchScript product rounds both operands to bfloat16, accumulates in float32 and
 * rounds the result to bfloat16 (it equals the float64 product of the rounded operands, rounded, within one
 * bfloat16 step, and differs from the float32 product); a whole model scored with bfloat16 products keeps per-token log-probabilities correlated with
 * its float32 run at Pearson r >= 0.999 (the documented tolerance of {@code dtype=bfloat16}).
 */
class Bfloat16ProductsTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    static final double MIN_PEARSON = 0.999;

    @Test
    void productRoundsOperandsToBfloat16AndAccumulatesInFloat32() {
        int n = 7;
        int in = 96;
        int out = 33;
        Random random = new Random(11);
        float[] x = gaussian(random, n * in);
        float[] w = gaussian(random, out * in);
        float[] b = gaussian(random, out);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray xa = manager.create(x, new Shape(n, in));
            NDArray wa = manager.create(w, new Shape(out, in));
            NDArray ba = manager.create(b, new Shape(out));
            float[] bf16 = ScriptedOps.bfloat16Linear(xa, wa, ba).toFloatArray();
            float[] bf16NoBias = ScriptedOps.bfloat16Linear(xa, wa, null).toFloatArray();
            float[] fp32 = TensorOps.linear(xa, wa, ba).toFloatArray();
            double maxFromRounded = 0;
            double maxFromFloat32 = 0;
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < out; o++) {
                    double rounded = 0;
                    double scale = 0;
                    for (int k = 0; k < in; k++) {
                        double term = (double) roundToBfloat16(x[i * in + k]) * roundToBfloat16(w[o * in + k]);
                        rounded += term;
                        scale += Math.abs(term);
                    }
                    int at = i * out + o;
                    // the product leaves the kernel as bfloat16: one more rounding, then the float32 bias
                    double expected = roundToBfloat16((float) rounded);
                    maxFromRounded = Math.max(maxFromRounded, Math.abs(bf16[at] - (expected + b[o])) / scale);
                    maxFromRounded = Math.max(maxFromRounded, Math.abs(bf16NoBias[at] - expected) / scale);
                    maxFromFloat32 = Math.max(maxFromFloat32, Math.abs(bf16[at] - fp32[at]) / scale);
                }
            }
            // float32 accumulation can move a result across a bfloat16 rounding boundary: one bfloat16 step
            // of the result (2^-8 relative) at most, and the results are far below the scale
            assertTrue(maxFromRounded < 4e-3, "bfloat16 product vs product of rounded operands: " + maxFromRounded);
            assertTrue(maxFromFloat32 > 1e-4, "the bfloat16 product equals float32 (" + maxFromFloat32
                    + "): no rounding happened");
        }
    }

    /**
     * The kept bfloat16 copy of a weight (rounded once, held by libtorch) computes exactly what casting the
     * float32 matrix at each product computes, for F32, BF16 and F16 files and for GPT-2's transposed
     * Conv1D layout; the copy is made once and freed with the arena.
     */
    @ParameterizedTest
    @ValueSource(strings = {"F32", "BF16", "F16"})
    void keptCopyEqualsTheCastPath(String stored) throws java.io.IOException {
        StoredType type = StoredType.valueOf(stored);
        int n = 5;
        int rows = 24;
        int columns = 40;
        Random random = new Random(5);
        float[] values = gaussian(random, rows * columns);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocateDirect(rows * columns * type.bytes())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            switch (type) {
                case F32 -> bytes.putFloat(value);
                case BF16 -> bytes.putShort((short) (Float.floatToRawIntBits(roundToBfloat16(value)) >>> 16));
                case F16 -> bytes.putShort(toHalfTruncated(value));
            }
        }
        bytes.flip();
        // the bytes as a file that the weight maps, as a model's weights are
        java.nio.file.Path file = dir.resolve("w-" + stored + ".bin");
        try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file);
        WideningArena arena = new WideningArena();
        arena.keepOpen(channel);
        try (NDManager root = NDManager.newBaseManager("PyTorch"); NDManager weights = root.newSubManager()) {
            TensorPages pages = new TensorPages(channel, file, "w", new long[] {0}, new long[] {channel.size()});
            Weight weight = Weight.of("w", type, new long[] {rows, columns}, pages, rows, weights, arena);
            NDArray bias = root.create(gaussian(random, rows));
            NDArray x = root.create(gaussian(random, n * columns), new Shape(n, columns));
            var copy = weight.bfloat16(root);
            assertTrue(copy == weight.bfloat16(root), "the copy is made once");
            float[] viaCopy = keptProduct(x, copy, bias);
            float[] viaCast = ScriptedOps.bfloat16Linear(x, weight.in(root), bias).toFloatArray();
            assertWithinOneRounding(viaCast, viaCopy, stored + ": kept copy vs cast");
            // the same bytes as GPT-2's Conv1D [in, out]: x [n, rows] · W
            Weight conv = weight.transposed();
            NDArray xt = root.create(gaussian(random, n * rows), new Shape(n, rows));
            float[] convCopy = keptProduct(xt, conv.bfloat16(root), null);
            float[] convCast = ScriptedOps.bfloat16Linear(xt, conv.in(root), null).toFloatArray();
            assertWithinOneRounding(convCast, convCopy, stored + ": transposed kept copy vs cast");
            assertEquals(columns, conv.outFeatures());
        } finally {
            arena.closeKept();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-0", "llama-0", "gpt_neox-0", "falcon-newarch-0", "qwen2-0"})
    void modelLogProbsCorrelateWithFloat32(String fixture) {
        JsonObject reference = Fixtures.reference(fixture);
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            assertEquals(ProductPrecision.FLOAT32, model.products());
            java.util.List<Double> fp32 = new java.util.ArrayList<>();
            java.util.List<Double> bf16 = new java.util.ArrayList<>();
            for (JsonElement element : reference.getAsJsonArray("texts")) {
                int[] ids = Fixtures.ints(element.getAsJsonObject().getAsJsonArray("token_ids"));
                model.useProducts(ProductPrecision.FLOAT32);
                double[] full = score(model, ids);
                model.useProducts(ProductPrecision.BFLOAT16);
                double[] half = score(model, ids);
                for (int j = 0; j < ids.length - 1; j++) {
                    fp32.add(full[j]);
                    bf16.add(half[j]);
                }
            }
            assertEquals(ProductPrecision.BFLOAT16, model.products());
            double r = pearson(fp32, bf16);
            assertTrue(r >= MIN_PEARSON, fixture + ": Pearson r of bfloat16 vs float32 log-probs " + r + " < " + MIN_PEARSON);
            assertTrue(!fp32.equals(bf16), fixture + ": bfloat16 log-probs equal float32 ones: no bfloat16 product ran");
        }
    }

    private static double[] score(CausalLanguageModel model, int[] ids) {
        try (KvCache cache = model.newCache()) {
            return model.forward(cache, ids, Fixtures.positions(ids.length), Fixtures.nextTargets(ids), 0).logProbs();
        }
    }

    /** Round to nearest even at 8 significant bits, as PyTorch's float-to-bfloat16 cast does (no NaN here). */
    static float roundToBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int lsb = (bits >>> 16) & 1;
        bits += 0x7fff + lsb;
        return Float.intBitsToFloat(bits & 0xffff0000);
    }

    /** float to float16 by truncating the mantissa (normal range; tiny values to zero): test data only. */
    private static short toHalfTruncated(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        if (exponent <= 0) {
            return (short) sign;
        }
        if (exponent >= 31) {
            return (short) (sign | 0x7bff);
        }
        return (short) (sign | exponent << 10 | ((bits >>> 13) & 0x3ff));
    }

    static double pearson(java.util.List<Double> a, java.util.List<Double> b) {
        int n = a.size();
        double meanA = a.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double meanB = b.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a.get(i) - meanA;
            double db = b.get(i) - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** The product with a kept bfloat16 matrix, packed for oneDNN where it has bfloat16 kernels, as a model runs it. */
    private static float[] keptProduct(NDArray x, ai.djl.pytorch.jni.IValue kept, NDArray bias) {
        return (PackedProducts.bfloat16Available()
                ? PackedProducts.bfloat16Linear(x, kept, bias, Epilogue.NONE, null)
                : ScriptedOps.bfloat16Linear(x, kept, bias)).toFloatArray();
    }

    /**
     * Both ways round the float32 sum to bfloat16 once, the packed product after adding the bias and the cast
     * one before: they may differ by one rounding, 2^-8 of the value (plus the bias's share).
     */
    private static void assertWithinOneRounding(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double allowed = Math.scalb(1.0, -8) * (Math.abs(expected[i]) + 8) + 1e-5;
            assertEquals(expected[i], actual[i], allowed, what + " at " + i);
        }
    }
}
