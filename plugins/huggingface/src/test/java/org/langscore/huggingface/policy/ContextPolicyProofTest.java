package org.langscore.huggingface.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.Fixtures;
import org.langscore.huggingface.model.ModelLoader;

/**
 * The proofs of issue 4 on the hf-tiny fixtures (window 64; mistral-swa-0's own window 8, against
 * transformers 4.44): each policy reproduces the reference runs of the fixtures' {@code sliding}
 * section, chunking does not change the numbers, and strided keeps its context promises.
 */
class ContextPolicyProofTest {

    private static final double REFERENCE_TOLERANCE = 1e-4;
    private static final double SELF_TOLERANCE = 1e-5;
    private static final int WINDOW = 64;

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-0", "llama-0", "mistral-0", "mistral-swa-0", "qwen2-0", "gpt_neox-0", "falcon-0",
        "falcon-newarch-0", "opt-0", "gpt_neo-0", "phi-0", "gemma-0", "mpt-0"})
    void brainscoreKvReproducesBrainscoreTokenAndWordSlides(String fixture) {
        JsonObject sliding = Fixtures.reference(fixture).getAsJsonObject("sliding");
        int[] ids = Fixtures.ints(sliding.getAsJsonArray("token_ids"));
        int[] words = Fixtures.ints(sliding.getAsJsonArray("word_part_token_counts"));
        ContextPolicy policy = ContextPolicies.forName("brainscore-kv", Map.of(), info(fixture));
        assertEquals(Map.of("window", "64"), policy.parameters());
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            assertMatches(fixture, "brainscore_tokens", policy.score(model, ids, null), sliding, REFERENCE_TOLERANCE);
            assertMatches(fixture, "brainscore_words", policy.score(model, ids, words), sliding, REFERENCE_TOLERANCE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-0", "mistral-0", "mistral-swa-0", "qwen2-0", "gpt_neox-0", "falcon-0",
        "falcon-newarch-0", "phi-0", "gemma-0", "mpt-0"})
    void slidingReproducesTrueSlidingWindowAtTruePositions(String fixture) {
        JsonObject sliding = Fixtures.reference(fixture).getAsJsonObject("sliding");
        int[] ids = Fixtures.ints(sliding.getAsJsonArray("token_ids"));
        JsonObject runs = sliding.getAsJsonObject("runs");
        String run = runs.has("grow_positions_tokens_rope_table_extended")
                ? "grow_positions_tokens_rope_table_extended" : "grow_positions_tokens";
        if (fixture.equals("mpt-0")) {
            // transformers' MPT cannot run past max_seq_len (its ALiBi table ends there), so the fixture has no
            // grow_positions run. ALiBi sees only key distances, never positions: Brain-Score's token slide,
            // which evicts the same keys and only mislabels positions, is then the exact sliding window.
            assertEquals(0, runs.getAsJsonObject(run).getAsJsonObject("fp32").getAsJsonArray("logprobs").size());
            run = "brainscore_tokens";
        }
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            ContextPolicy policy = ContextPolicies.defaultFor(model.info());
            assertEquals("sliding", policy.name());
            int expectedWindow = fixture.equals("mistral-swa-0") ? 8 : WINDOW;
            assertEquals(Integer.toString(expectedWindow), policy.parameters().get("window"));
            ScoredText scored = policy.score(model, ids, null);
            assertMatches(fixture, run, scored, sliding, REFERENCE_TOLERANCE);
            for (int i = 1; i < ids.length; i++) {
                assertEquals(Math.min(i, expectedWindow), scored.contextLengths()[i], fixture + " token " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-0", "llama-0", "mistral-swa-0", "gpt_neox-0", "gpt_neo-0", "mpt-0", "openai-gpt-0"})
    void chunkSizesGiveTheSameNumbers(String fixture) {
        JsonObject sliding = Fixtures.reference(fixture).getAsJsonObject("sliding");
        int[] ids = Fixtures.ints(sliding.getAsJsonArray("token_ids"));
        boolean absolute;
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            absolute = model.info().absolutePositions();
        }
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            for (String name : absolute ? new String[] {"strided", "reset"} : new String[] {"sliding", "strided", "reset"}) {
                ScoredText whole = ContextPolicies.forName(name, Map.of("chunk", Integer.toString(ids.length)),
                        model.info()).score(model, ids, null);
                for (int chunk : new int[] {1, 7}) {
                    ScoredText chunked = ContextPolicies.forName(name, Map.of("chunk", Integer.toString(chunk)),
                            model.info()).score(model, ids, null);
                    assertClose(fixture + " " + name + " chunk " + chunk + " vs whole text", whole, chunked, true);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-0", "llama-0"})
    void stridedWithStrideOneEqualsTruncate(String fixture) {
        JsonObject sliding = Fixtures.reference(fixture).getAsJsonObject("sliding");
        int[] ids = Fixtures.ints(sliding.getAsJsonArray("token_ids"));
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            ScoredText truncate = ContextPolicies.forName("truncate", Map.of(), model.info()).score(model, ids, null);
            ScoredText strided = ContextPolicies.forName("strided", Map.of("stride", "1", "chunk", "7"), model.info())
                    .score(model, ids, null);
            // Log-probs and context lengths only: truncate's argmax after a part comes from the window that
            // ends with the part, one token more context than strided shows that token.
            assertClose(fixture + " strided S=1 vs truncate", truncate, strided, false);
        }
    }

    @Test
    void stridedWithHalfWindowStrideKeepsAtLeastHalfAWindowOfContext() {
        JsonObject sliding = Fixtures.reference("gpt2-0").getAsJsonObject("sliding");
        int[] ids = Fixtures.ints(sliding.getAsJsonArray("token_ids"));
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder("gpt2-0"))) {
            ContextPolicy policy = ContextPolicies.defaultFor(model.info());
            assertEquals(Map.of("window", "64", "stride", "32", "chunk", "64"), policy.parameters());
            ScoredText scored = policy.score(model, ids, null);
            assertTrue(Double.isNaN(scored.logProbs()[0]));
            for (int i = 1; i < ids.length; i++) {
                int context = scored.contextLengths()[i];
                assertTrue(context <= WINDOW - 1, "token " + i + " context " + context);
                if (i < WINDOW) {
                    assertEquals(i, context, "token " + i + " in the first window sees everything before it");
                } else {
                    assertTrue(context >= WINDOW / 2, "token " + i + " sees only " + context + " tokens");
                }
                assertTrue(Double.isFinite(scored.logProbs()[i]), "token " + i);
            }
        }
    }

    private static void assertMatches(String fixture, String run, ScoredText scored, JsonObject sliding,
                                      double tolerance) {
        double[] expected = Fixtures.doubles(sliding.getAsJsonObject("runs").getAsJsonObject(run)
                .getAsJsonObject("fp32").getAsJsonArray("logprobs"));
        assertEquals(scored.logProbs().length - 1, expected.length, fixture + " " + run + ": length");
        assertTrue(Double.isNaN(scored.logProbs()[0]), fixture + " " + run + ": token 0 has no prediction");
        double max = 0;
        for (int j = 0; j < expected.length; j++) {
            double diff = Math.abs(scored.logProbs()[j + 1] - expected[j]);
            max = Math.max(max, diff);
            if (!(diff <= tolerance)) {
                fail(String.format("fixture %s, run %s, token index %d: %.8f vs reference %.8f (|diff| %.2e)", fixture,
                        run, j + 1, scored.logProbs()[j + 1], expected[j], diff));
            }
        }
        System.out.printf("policy proof %s %s: max |diff| = %.2e%n", fixture, run, max);
    }

    private static void assertClose(String what, ScoredText expected, ScoredText actual, boolean argmax) {
        assertArrayEquals(expected.contextLengths(), actual.contextLengths(), what + ": context lengths");
        for (int i = 0; i < expected.logProbs().length; i++) {
            double a = expected.logProbs()[i];
            double b = actual.logProbs()[i];
            if (Double.isNaN(a) || Double.isNaN(b)) {
                assertTrue(Double.isNaN(a) && Double.isNaN(b), what + ": token index " + i + " NaN in one only");
            } else if (!(Math.abs(a - b) <= SELF_TOLERANCE)) {
                fail(String.format("%s: token index %d: %.8f vs %.8f", what, i, a, b));
            }
        }
        if (!argmax) {
            return;
        }
        int differing = 0;
        for (int i = 0; i < expected.argmaxAfter().length; i++) {
            if (expected.argmaxAfter()[i] != actual.argmaxAfter()[i]) {
                differing++;
            }
        }
        // Chunking changes float32 summation order (~1e-6): allow one near-tie to flip.
        assertTrue(differing <= 1, what + ": argmax differs at " + differing + " tokens");
    }

    private static org.langscore.huggingface.model.ModelInfo info(String fixture) {
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            return model.info();
        }
    }
}
