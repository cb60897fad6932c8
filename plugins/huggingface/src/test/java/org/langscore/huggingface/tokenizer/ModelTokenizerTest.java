package org.langscore.huggingface.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.huggingface.SharedFixtures;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

class ModelTokenizerTest {

    @Test
    void realGpt2TokenizerGivesTheReferenceIdsAndOffsetsOfTheNaturalStoriesText() {
        JsonObject ns = SharedFixtures.expected("gpt2-realtok-0").getAsJsonObject("naturalstories");
        try (ModelTokenizer tokenizer = ModelTokenizer.load(SharedFixtures.fixture("gpt2-realtok-0"))) {
            assertFalse(tokenizer.addsBos(), "GPT-2's tokenizer adds no BOS");
            TokenizedText tokens = tokenizer.encode(ns.get("text").getAsString());
            assertIdsAndOffsets("gpt2-realtok-0 naturalstories", ns, tokens);
            assertEquals(345, tokens.size(), "no truncation at the tokenizer_config's model_max_length 64");
        }
    }

    @Test
    void realGpt2TokenizerGivesTheReferenceIdsAndOffsetsOfTheSyntaxGymTexts() {
        JsonArray suites = SharedFixtures.expected("gpt2-realtok-0").getAsJsonArray("syntaxgym");
        try (ModelTokenizer tokenizer = ModelTokenizer.load(SharedFixtures.fixture("gpt2-realtok-0"))) {
            for (JsonElement suite : suites) {
                for (JsonElement condition : suite.getAsJsonObject().getAsJsonArray("conditions")) {
                    JsonObject c = condition.getAsJsonObject();
                    String label = "gpt2-realtok-0 " + suite.getAsJsonObject().get("suite").getAsString() + " "
                            + c.get("condition_name").getAsString();
                    assertIdsAndOffsets(label, c, tokenizer.encode(c.get("text").getAsString()));
                }
            }
        }
    }

    @Test
    void wordLevelTokenizersGiveTheReferenceIdsOfEveryText() {
        for (String fixture : SharedFixtures.SMALL_FIXTURES) {
            JsonObject expected = SharedFixtures.expected(fixture);
            try (ModelTokenizer tokenizer = ModelTokenizer.load(SharedFixtures.fixture(fixture))) {
                assertFalse(tokenizer.addsBos(), fixture + ": the WordLevel tokenizer adds no BOS");
                for (JsonElement text : expected.getAsJsonArray("texts")) {
                    JsonObject t = text.getAsJsonObject();
                    TokenizedText tokens = tokenizer.encode(t.get("text").getAsString());
                    assertArrayEquals(ints(t.getAsJsonArray("token_ids")), tokens.ids(),
                            fixture + " text " + t.get("name").getAsString() + ": token ids");
                }
                JsonObject sliding = expected.getAsJsonObject("sliding");
                assertArrayEquals(ints(sliding.getAsJsonArray("token_ids")),
                        tokenizer.encode(sliding.get("text").getAsString()).ids(),
                        fixture + " sliding text (169 tokens, past model_max_length): token ids");
            }
        }
    }

    @Test
    void spansAreJavaCharIndicesAfterCharactersOutsideTheBasicPlane() {
        try (ModelTokenizer tokenizer = ModelTokenizer.load(SharedFixtures.fixture("gpt2-0"))) {
            // U+1F600 is one code point but two Java chars: the library's code-point offsets must be converted.
            String text = "the \uD83D\uDE00 dog \uD83D\uDE00\uD83D\uDE00 fox";
            TokenizedText tokens = tokenizer.encode(text);
            String[] pieces = new String[tokens.size()];
            for (int i = 0; i < tokens.size(); i++) {
                pieces[i] = text.substring(tokens.starts()[i], tokens.ends()[i]);
            }
            assertArrayEquals(new String[] {"the", "\uD83D\uDE00", "dog", "\uD83D\uDE00\uD83D\uDE00", "fox"}, pieces);
        }
        try (ModelTokenizer tokenizer = ModelTokenizer.load(SharedFixtures.fixture("gpt2-realtok-0"))) {
            String text = "I \uD83D\uDE00 it";
            TokenizedText tokens = tokenizer.encode(text);
            int last = tokens.size() - 1;
            assertEquals(" it", text.substring(tokens.starts()[last], tokens.ends()[last]));
            for (int i = 0; i < tokens.size(); i++) {
                assertTrue(tokens.ends()[i] <= text.length());
            }
        }
    }

    @Test
    void decodesOneToken() {
        try (ModelTokenizer tokenizer = ModelTokenizer.load(SharedFixtures.fixture("gpt2-realtok-0"))) {
            assertEquals(" you", tokenizer.decode(345));
        }
        try (ModelTokenizer tokenizer = ModelTokenizer.load(SharedFixtures.fixture("gpt2-0"))) {
            assertEquals("fox", tokenizer.decode(20));
        }
    }

    @Test
    void loadingPutsDjlOfflineWithoutTrackingEvenWhenTheJvmWasNotStartedSo() {
        // The test JVM sets these flags itself; clear them to see that loading a tokenizer sets them in code.
        System.clearProperty("ai.djl.offline");
        System.clearProperty("OPT_OUT_TRACKING");
        try (ModelTokenizer tokenizer = ModelTokenizer.load(SharedFixtures.fixture("gpt2-0"))) {
            assertEquals("true", System.getProperty("ai.djl.offline"));
            assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
            assertEquals("PyTorch", System.getProperty("ai.djl.default_engine"));
        }
    }

    @Test
    void missingTokenizerFileIsNamed(@TempDir Path folder) {
        ScoringException e = assertThrows(ScoringException.class, () -> ModelTokenizer.load(folder));
        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }

    private static void assertIdsAndOffsets(String label, JsonObject expected, TokenizedText tokens) {
        int[] ids = ints(expected.getAsJsonArray("token_ids"));
        assertArrayEquals(ids, tokens.ids(), label + ": token ids");
        JsonArray offsets = expected.getAsJsonArray("offsets");
        for (int i = 0; i < ids.length; i++) {
            JsonArray span = offsets.get(i).getAsJsonArray();
            int start = span.get(0).getAsInt();
            int end = span.get(1).getAsInt();
            assertEquals(start, tokens.starts()[i], label + ": start of token " + i + " (id " + ids[i] + ")");
            assertEquals(end, tokens.ends()[i], label + ": end of token " + i + " (id " + ids[i] + ")");
        }
    }

    static int[] ints(JsonArray array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsInt();
        }
        return values;
    }
}
