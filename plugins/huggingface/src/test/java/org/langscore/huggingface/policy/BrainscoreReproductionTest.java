package org.langscore.huggingface.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.Fixtures;
import org.langscore.huggingface.model.ModelLoader;

/**
 * On gpt2-realtok-0 (real GPT-2 tokenizer, float16 weights, 300 Natural Stories words = 345 tokens,
 * window 64): {@code truncate} reproduces Brain-Score's own output without the cache and
 * {@code brainscore-kv} its cache output ({@code expected-brainscore.json}, brain-score/language commit
 * 0e0bb4a), per word within 1e-3 bits.
 */
class BrainscoreReproductionTest {

    private static final double BITS_TOLERANCE = 1e-3;
    private static final double LN2 = Math.log(2);

    @Test
    void truncateAndBrainscoreKvReproduceBrainscoreLanguage() {
        String fixture = "gpt2-realtok-0";
        JsonObject stories = Fixtures.reference(fixture).getAsJsonObject("naturalstories");
        JsonObject brainscore = Fixtures.json(Fixtures.folder(fixture).resolve("expected-brainscore.json"))
                .getAsJsonObject("naturalstories");
        int[] ids = Fixtures.ints(stories.getAsJsonArray("token_ids"));
        int[] words = Fixtures.ints(stories.getAsJsonArray("word_token_counts"));
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            ScoredText truncate = ContextPolicies.forName("truncate", Map.of(), model.info()).score(model, ids, words);
            ScoredText kv = ContextPolicies.forName("brainscore-kv", Map.of(), model.info()).score(model, ids, words);

            double[] tokenReference = Fixtures.doubles(stories.getAsJsonArray("sliding_recompute_token_logprobs_fp32"));
            for (int i = 0; i < ids.length; i++) {
                double a = truncate.logProbs()[i];
                double b = tokenReference[i];
                if (Double.isNaN(a) != Double.isNaN(b) || Math.abs(a - b) > 1e-4) {
                    fail(String.format("fixture %s, naturalstories, token index %d: truncate %.8f vs recompute %.8f",
                            fixture, i, a, b));
                }
            }
            compareWords("truncate vs Brain-Score without cache", truncate, words,
                    Fixtures.doubles(brainscore.getAsJsonArray("reading_times_nokv")));
            compareWords("brainscore-kv vs Brain-Score with cache", kv, words,
                    Fixtures.doubles(brainscore.getAsJsonArray("reading_times_kv")));
        }
    }

    private static void compareWords(String what, ScoredText scored, int[] words, double[] expectedBits) {
        assertEquals(words.length, expectedBits.length, what + ": word count");
        int token = 0;
        double max = 0;
        for (int w = 0; w < words.length; w++) {
            double bits = 0;
            for (int t = 0; t < words[w]; t++) {
                bits += -scored.logProbs()[token++] / LN2;
            }
            double expected = expectedBits[w];
            if (Double.isNaN(expected) || Double.isNaN(bits)) {
                assertTrue(Double.isNaN(expected) && Double.isNaN(bits), what + ", word " + w + ": NaN in one only");
                continue;
            }
            double diff = Math.abs(bits - expected);
            max = Math.max(max, diff);
            if (!(diff <= BITS_TOLERANCE)) {
                fail(String.format("%s, word %d: %.6f bits vs Brain-Score %.6f", what, w, bits, expected));
            }
        }
        System.out.printf("%s: max |diff| = %.2e bits over %d words%n", what, max, words.length);
    }
}
