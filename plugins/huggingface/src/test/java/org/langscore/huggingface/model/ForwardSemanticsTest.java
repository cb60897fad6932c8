package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What forward promises besides parity: explicit positions, banded masks, encode, evict. */
class ForwardSemanticsTest {

    private static int[] fullWindowText(String fixture) {
        return Fixtures.ints(Fixtures.reference(fixture).getAsJsonArray("texts").get(2).getAsJsonObject()
                .getAsJsonArray("token_ids"));
    }

    /**
     * Rotary attention depends only on relative positions, and langscore computes the angles in double
     * precision: the same text at positions 1,000,000.. scores as at 0.. (float32 angles would be off
     * by ~0.06 rad there).
     */
    @ParameterizedTest
    @ValueSource(strings = {"llama-0", "gpt_neox-0", "falcon-newarch-0", "phi-0", "gemma-0", "mpt-0"})
    void rotaryModelsScoreTheSameFarBeyondTheWindow(String fixture) {
        int[] ids = fullWindowText(fixture);
        long[] far = new long[ids.length];
        for (int i = 0; i < far.length; i++) {
            far[i] = 1_000_000L + i;
        }
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture));
             KvCache near = model.newCache();
             KvCache distant = model.newCache()) {
            double[] a = model.forward(near, ids, Fixtures.positions(ids.length), Fixtures.nextTargets(ids), 0).logProbs();
            double[] b = model.forward(distant, ids, far, Fixtures.nextTargets(ids), 0).logProbs();
            for (int i = 0; i + 1 < ids.length; i++) {
                assertEquals(a[i], b[i], 1e-4, fixture + " token index " + (i + 1));
            }
        }
    }

    /** Token i of a call after {@code past} cached keys sees key j iff past + i - W < j <= past + i. */
    @org.junit.jupiter.api.Test
    void bandedMaskShowsEachTokenItselfAndTheWindowBeforeIt() {
        DjlEnvironment.init();
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            int past = 3;
            int n = 4;
            int window = 3;
            float[] mask = TensorOps.bandedCausalMask(manager, past, n, window).toFloatArray();
            float[] unlimited = TensorOps.bandedCausalMask(manager, past, n, 0).toFloatArray();
            int keys = past + n;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < keys; j++) {
                    boolean visible = j <= past + i && j > past + i - window;
                    assertEquals(visible ? 0f : Float.NEGATIVE_INFINITY, mask[i * keys + j], "query " + i + " key " + j);
                    assertEquals(j <= past + i ? 0f : Float.NEGATIVE_INFINITY, unlimited[i * keys + j],
                            "query " + i + " key " + j);
                }
            }
        }
    }

    /** encode extends the cache exactly as forward does; evictOldest drops the same entries in every layer. */
    @ParameterizedTest
    @ValueSource(strings = {"gpt2-0", "mistral-swa-0", "falcon-0", "opt-0", "gpt_neo-0", "mpt-0", "openai-gpt-0"})
    void encodeAndEvictKeepTheCacheConsistent(String fixture) {
        int[] ids = fullWindowText(fixture);
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture));
             KvCache viaForward = model.newCache();
             KvCache viaEncode = model.newCache()) {
            int split = 30;
            int[] head = Arrays.copyOf(ids, split);
            int[] noTargets = new int[split];
            Arrays.fill(noTargets, -1);
            TokenScores none = model.forward(viaForward, head, Fixtures.positions(split), noTargets, 0);
            assertTrue(Arrays.stream(none.logProbs()).allMatch(Double::isNaN));
            model.encode(viaEncode, head, Fixtures.positions(split), 0);
            assertEquals(split, viaEncode.length());
            viaForward.evictOldest(5);
            viaEncode.evictOldest(5);
            assertEquals(split - 5, viaEncode.length());
            int[] rest = Arrays.copyOfRange(ids, split, ids.length);
            long[] positions = new long[rest.length];
            for (int i = 0; i < rest.length; i++) {
                positions[i] = split + i;
            }
            TokenScores a = model.forward(viaForward, rest, positions, Fixtures.nextTargets(rest), 0);
            TokenScores b = model.forward(viaEncode, rest, positions, Fixtures.nextTargets(rest), 0);
            assertArrayEquals(a.logProbs(), b.logProbs(), 0.0);
            assertArrayEquals(a.argmax(), b.argmax());
            assertThrows(IllegalArgumentException.class, () -> viaEncode.evictOldest(viaEncode.length() + 1));
        }
    }
}
