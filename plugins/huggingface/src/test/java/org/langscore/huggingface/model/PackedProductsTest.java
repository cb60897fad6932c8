package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Packed float32 products (oneDNN, the matrix reordered once) equal libtorch's BLAS products up to the
 * summation order: within 2e-6 of the sum of the terms' magnitudes, for plain and transposed (Conv1D)
 * matrices, with and without a bias; a weight is packed once, and a model keeps one packed copy per
 * matrix (the output layer in pieces on a fixed grid), freed when it closes.
 */
class PackedProductsTest {

    /** float32 rounding of a sum of k terms in another order: a few units of 2^-24 of the terms' scale. */
    static final double RELATIVE_TOLERANCE = 2e-6;

    @Test
    void packedProductEqualsTheBlasProductInFloat32() {
        assertTrue(PackedProducts.available(), "this libtorch has oneDNN's packed products");
        Random random = new Random(17);
        for (int[] dims : new int[][] {{1, 8, 3}, {7, 96, 33}, {37, 768, 300}}) {
            int n = dims[0];
            int in = dims[1];
            int out = dims[2];
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                float[] xs = gaussian(random, n * in);
                float[] ws = gaussian(random, out * in);
                NDArray x = manager.create(xs, new Shape(n, in));
                NDArray w = manager.create(ws, new Shape(out, in));
                NDArray b = manager.create(gaussian(random, out));
                // the same matrix stored [in, out] and used through a transposed view, as GPT-2's Conv1D
                NDArray conv = w.transpose().duplicate().transpose();
                try (var packed = PackedProducts.pack(w); var packedConv = PackedProducts.pack(conv)) {
                    float[] expected = TensorOps.linear(x, w, b).toFloatArray();
                    float[] expectedNoBias = TensorOps.linear(x, w, null).toFloatArray();
                    float[] actual = PackedProducts.linear(x, packed, b).toFloatArray();
                    float[] actualNoBias = PackedProducts.linear(x, packed, null).toFloatArray();
                    float[] actualConv = PackedProducts.linear(x, packedConv, b).toFloatArray();
                    for (int i = 0; i < n; i++) {
                        for (int o = 0; o < out; o++) {
                            double scale = termScale(xs, ws, in, i, o);
                            int at = i * out + o;
                            String where = n + "x" + in + "x" + out + " at " + i + "," + o;
                            assertEquals(expected[at], actual[at], RELATIVE_TOLERANCE * scale, where);
                            assertEquals(expectedNoBias[at], actualNoBias[at], RELATIVE_TOLERANCE * scale, where);
                            assertEquals(expected[at], actualConv[at], RELATIVE_TOLERANCE * scale, where + " (Conv1D)");
                        }
                    }
                }
            }
        }
    }

    /**
     * A stored matrix reordered for one product (from 384 tokens a call), whole or in row blocks, equals
     * the BLAS product too.
     */
    @Test
    void reorderedProductEqualsTheBlasProduct() {
        Random random = new Random(23);
        int n = (int) PackedProducts.REORDER_MIN_TOKENS + 16;
        int in = 64;
        int out = 48;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float[] xs = gaussian(random, n * in);
            float[] ws = gaussian(random, out * in);
            NDArray x = manager.create(xs, new Shape(n, in));
            NDArray w = manager.create(ws, new Shape(out, in));
            NDArray b = manager.create(gaussian(random, out));
            float[] expected = TensorOps.linear(x, w, b).toFloatArray();
            float[] viaStored = TensorOps.storedLinear(x, w.transpose().duplicate().transpose(), b).toFloatArray();
            float[] direct = PackedProducts.reorderedLinear(x, w, null).toFloatArray();
            float[] plain = TensorOps.linear(x, w, null).toFloatArray();
            // blocks of 10 rows (the last one 8), with and without the bias
            float[] blocks = PackedProducts.reorderedLinear(x, w, b, 10L * 4 * in).toFloatArray();
            float[] blocksNoBias = PackedProducts.reorderedLinear(x, w, null, 10L * 4 * in).toFloatArray();
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < out; o++) {
                    double scale = termScale(xs, ws, in, i, o);
                    int at = i * out + o;
                    assertEquals(expected[at], viaStored[at], RELATIVE_TOLERANCE * scale, "at " + i + "," + o);
                    assertEquals(plain[at], direct[at], RELATIVE_TOLERANCE * scale, "no bias at " + i + "," + o);
                    assertEquals(expected[at], blocks[at], RELATIVE_TOLERANCE * scale, "blocks at " + i + "," + o);
                    assertEquals(plain[at], blocksNoBias[at], RELATIVE_TOLERANCE * scale, "blocks, no bias at " + i + "," + o);
                }
            }
        }
    }

    /**
     * A long call with stored weights (its products reordered for oneDNN) scores as the same tokens fed in
     * short calls through the KV cache (products by BLAS) and as packed weights: within the cache-vs-full
     * tolerance of the parity tests, 1e-5 nats.
     */
    @Test
    void aLongCallWithStoredWeightsScoresAsShortCallsAndAsPackedWeights() {
        // llama-0: rotary positions, so a call may be longer than the fixtures' 64-position tables
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder("llama-0"))) {
            Random random = new Random(29);
            int n = (int) PackedProducts.REORDER_MIN_TOKENS + 100;
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = random.nextInt(model.info().vocabSize());
            }
            int[] targets = Fixtures.nextTargets(ids);
            double[] whole = score(model, ids);
            double[] pieces = new double[n];
            try (KvCache cache = model.newCache()) {
                for (int start = 0; start < n; start += 100) {
                    int end = Math.min(n, start + 100);
                    long[] positions = new long[end - start];
                    for (int i = 0; i < positions.length; i++) {
                        positions[i] = start + i;
                    }
                    double[] part = model.forward(cache, java.util.Arrays.copyOfRange(ids, start, end), positions,
                            java.util.Arrays.copyOfRange(targets, start, end), 0).logProbs();
                    System.arraycopy(part, 0, pieces, start, part.length);
                }
            }
            model.usePackedWeights(true);
            double[] packed = score(model, ids);
            for (int i = 0; i < n - 1; i++) {
                assertEquals(pieces[i], whole[i], 1e-5, "stored, one call vs calls of 100, token " + i);
                assertEquals(packed[i], whole[i], 1e-5, "stored vs packed, token " + i);
            }
        }
    }

    /**
     * One packed copy per matrix, made on the first forward call and reused by the next; none without
     * packing; all freed when the model closes. gpt2-realtok-0's tied 50,257-row head packs as 13 pieces of
     * 4,096 rows (the last one 1,105).
     */
    @ParameterizedTest
    @ValueSource(strings = {"gpt2-0", "llama-0", "gpt2-realtok-0"})
    void aModelKeepsOnePackedCopyPerMatrix(String fixture) {
        DecoderModel model = (DecoderModel) ModelLoader.load(Fixtures.folder(fixture));
        try {
            int[] ids = {1, 2, 3, 4, 5};
            score(model, ids);
            assertEquals(0, model.arena().keptCount(), "stored weights keep no copy");
            model.usePackedWeights(true);
            double[] first = score(model, ids);
            int kept = model.arena().keptCount();
            // per block: GPT-2's c_attn, c_proj, c_fc, mlp.c_proj; Llama's q, k, v, o, gate, up, down
            int perBlock = model.info().architecture().startsWith("GPT2") ? 4 : 7;
            long vocab = model.info().vocabSize();
            long headPieces = vocab <= DecoderModel.PACKED_HEAD_ROWS ? 1
                    : (vocab + DecoderModel.PACKED_HEAD_ROWS - 1) / DecoderModel.PACKED_HEAD_ROWS;
            assertEquals(countLayers(fixture) * perBlock + headPieces, kept, fixture + ": packed copies");
            double[] again = score(model, ids);
            assertEquals(kept, model.arena().keptCount(), "the second call packs nothing new");
            for (int i = 0; i < ids.length - 1; i++) {
                assertEquals(first[i], again[i], 0.0, "the packed copies are reused as they are");
            }
        } finally {
            model.close();
        }
        assertEquals(0, model.arena().keptCount(), "closing the model frees the packed copies");
    }

    private static int countLayers(String fixture) {
        return Fixtures.json(Fixtures.folder(fixture).resolve("config.json")).entrySet().stream()
                .filter(e -> e.getKey().equals("n_layer") || e.getKey().equals("num_hidden_layers"))
                .findFirst().orElseThrow().getValue().getAsInt();
    }

    private static double[] score(CausalLanguageModel model, int[] ids) {
        try (KvCache cache = model.newCache()) {
            return model.forward(cache, ids, Fixtures.positions(ids.length), Fixtures.nextTargets(ids), 0).logProbs();
        }
    }

    /** 1 plus the sum of the magnitudes of the terms of output {@code (i, o)}: what its rounding scales with. */
    private static double termScale(float[] xs, float[] ws, int in, int i, int o) {
        double scale = 1;
        for (int k = 0; k < in; k++) {
            scale += Math.abs((double) xs[i * in + k] * ws[o * in + k]);
        }
        return scale;
    }

    private static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
