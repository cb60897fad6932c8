package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Number-for-number parity with HuggingFace transformers (v4.40.2 float32 eager; v4.44.0 for
 * mistral-swa-0's sliding window) on every small hf-tiny fixture and every text in its reference:
 * full-sequence log-probs within 1e-4, token-by-token with the KV cache equal to the full sequence
 * within 1e-5, and the argmax next token equal to transformers' (a different argmax is accepted only
 * where the two candidates' log-probs are within 1e-5 of each other, i.e. a float32 near-tie).
 */
class ParityTest {

    static final double FULL_TOLERANCE = 1e-4;
    static final double INCREMENTAL_TOLERANCE = 1e-5;

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-0", "llama-0", "mistral-0", "mistral-swa-0", "qwen2-0", "gpt_neox-0", "falcon-0",
        "falcon-newarch-0", "opt-0", "gpt_neo-0", "phi-0", "gemma-0", "mpt-0", "openai-gpt-0"})
    void matchesTransformers(String fixture) {
        matches(fixture, false);
    }

    /**
     * The same parity with every float32 product taken by oneDNN from matrices packed once
     * ({@link PackedProducts}): only the summation order differs, so the same tolerances hold.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gpt2-0", "llama-0", "mistral-0", "mistral-swa-0", "qwen2-0", "gpt_neox-0", "falcon-0",
        "falcon-newarch-0", "opt-0", "gpt_neo-0", "phi-0", "gemma-0", "mpt-0", "openai-gpt-0"})
    void matchesTransformersWithPackedWeights(String fixture) {
        assertTrue(PackedProducts.available(), "this libtorch has oneDNN's packed products");
        matches(fixture, true);
    }

    private static void matches(String fixture, boolean packed) {
        JsonObject reference = Fixtures.reference(fixture);
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            model.usePackedWeights(packed);
            for (JsonElement textElement : reference.getAsJsonArray("texts")) {
                JsonObject text = textElement.getAsJsonObject();
                checkText(model, fixture, text);
            }
        }
    }

    private static void checkText(CausalLanguageModel model, String fixture, JsonObject text) {
        String name = text.get("name").getAsString();
        int[] ids = Fixtures.ints(text.getAsJsonArray("token_ids"));
        JsonObject fp32 = text.getAsJsonObject("fp32");
        double[] expected = Fixtures.doubles(fp32.getAsJsonObject("full").getAsJsonArray("logprobs"));
        int[] expectedArgmax = Fixtures.ints(fp32.getAsJsonArray("argmax_next"));
        int n = ids.length;
        assertEquals(n - 1, expected.length, fixture + " " + name + ": reference length");

        TokenScores full;
        try (KvCache cache = model.newCache()) {
            full = model.forward(cache, ids, Fixtures.positions(n), Fixtures.nextTargets(ids), 0);
            assertEquals(n, cache.length(), fixture + " " + name + ": cache length after the full pass");
        }
        double maxDiff = 0;
        for (int j = 0; j < n - 1; j++) {
            double diff = Math.abs(full.logProbs()[j] - expected[j]);
            maxDiff = Math.max(maxDiff, diff);
            if (!(diff <= FULL_TOLERANCE)) {
                fail(String.format("fixture %s, text %s, token index %d: full log-prob %.8f vs transformers %.8f"
                        + " (|diff| %.2e > %.0e)", fixture, name, j + 1, full.logProbs()[j], expected[j], diff,
                        FULL_TOLERANCE));
            }
        }
        assertTrue(Double.isNaN(full.logProbs()[n - 1]), "no target after the last token gives NaN");
        System.out.printf("parity %s %s: max |full - transformers| = %.2e%n", fixture, name, maxDiff);

        try (KvCache cache = model.newCache()) {
            for (int i = 0; i < n; i++) {
                int target = i + 1 < n ? ids[i + 1] : -1;
                TokenScores one = model.forward(cache, new int[] {ids[i]}, new long[] {i}, new int[] {target}, 0);
                if (i + 1 < n) {
                    double diff = Math.abs(one.logProbs()[0] - full.logProbs()[i]);
                    if (!(diff <= INCREMENTAL_TOLERANCE)) {
                        fail(String.format("fixture %s, text %s, token index %d: token-by-token log-prob %.8f vs full"
                                + " %.8f (|diff| %.2e > %.0e)", fixture, name, i + 1, one.logProbs()[0],
                                full.logProbs()[i], diff, INCREMENTAL_TOLERANCE));
                    }
                }
                assertEquals(full.argmax()[i], one.argmax()[0], String.format(
                        "fixture %s, text %s, position %d: token-by-token argmax differs from the full pass",
                        fixture, name, i));
            }
        }

        for (int i = 0; i < n; i++) {
            if (full.argmax()[i] != expectedArgmax[i]) {
                double ours = logProbAt(model, ids, i, full.argmax()[i]);
                double theirs = logProbAt(model, ids, i, expectedArgmax[i]);
                if (!(Math.abs(ours - theirs) <= INCREMENTAL_TOLERANCE)) {
                    fail(String.format("fixture %s, text %s, position %d: argmax next %d vs transformers %d"
                            + " (log-probs %.8f vs %.8f: not a near-tie)", fixture, name, i, full.argmax()[i],
                            expectedArgmax[i], ours, theirs));
                }
            }
        }
    }

    /**
     * gpt2-realtok-0: float16 weights widened to float32, the real 50,257-row vocabulary (with packed weights,
     * the output layer in packed pieces of {@link DecoderModel#PACKED_HEAD_ROWS} rows, the last one short).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void matchesTransformersWithFloat16WeightsAndRealVocabulary(boolean packed) {
        String fixture = "gpt2-realtok-0";
        JsonObject window = Fixtures.reference(fixture).getAsJsonObject("naturalstories")
                .getAsJsonObject("full_first_window");
        int[] ids = Fixtures.ints(window.getAsJsonArray("token_ids"));
        double[] expected = Fixtures.doubles(window.getAsJsonArray("logprobs_fp32"));
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture));
             KvCache cache = model.newCache()) {
            model.usePackedWeights(packed);
            assertEquals(50257, model.info().vocabSize());
            TokenScores full = model.forward(cache, ids, Fixtures.positions(ids.length), Fixtures.nextTargets(ids), 0);
            double maxDiff = 0;
            for (int j = 0; j < expected.length; j++) {
                double diff = Math.abs(full.logProbs()[j] - expected[j]);
                maxDiff = Math.max(maxDiff, diff);
                if (!(diff <= FULL_TOLERANCE)) {
                    fail(String.format("fixture %s, text naturalstories.full_first_window, token index %d: log-prob"
                            + " %.8f vs transformers %.8f", fixture, j + 1, full.logProbs()[j], expected[j]));
                }
            }
            System.out.printf("parity %s naturalstories.full_first_window%s: max |full - transformers| = %.2e%n",
                    fixture, packed ? " (packed)" : "", maxDiff);
        }
    }

    /** ln p(candidate | ids[0..position]) from one full pass. */
    private static double logProbAt(CausalLanguageModel model, int[] ids, int position, int candidate) {
        int[] prefix = java.util.Arrays.copyOf(ids, position + 1);
        int[] targets = new int[prefix.length];
        java.util.Arrays.fill(targets, -1);
        targets[position] = candidate;
        try (KvCache cache = model.newCache()) {
            return model.forward(cache, prefix, Fixtures.positions(prefix.length), targets, 0).logProbs()[position];
        }
    }
}
