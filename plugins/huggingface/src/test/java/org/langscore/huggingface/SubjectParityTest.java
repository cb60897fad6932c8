package org.langscore.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.PartResult;
import org.langscore.spi.PluginContext;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

/**
 * The subject end to end on the real models and tokenizers of the hf-tiny fixtures, against the numbers
 * HuggingFace transformers (and, for gpt2-realtok-0, Brain-Score's semantics) give: per-part surprisal
 * within 1e-3 bits, next words equal.
 */
class SubjectParityTest {
    static final double BITS_TOLERANCE = 1e-3;
    private static double maxSmallDiff;
    private static final double LN2 = Math.log(2.0);

    @TempDir
    Path home;

    @Test
    void naturalStoriesWordsInsideTheFirstWindowMatchTheReferenceUnderTheDefaultPolicy() {
        JsonObject ns = SharedFixtures.expected("gpt2-realtok-0").getAsJsonObject("naturalstories");
        List<String> words = strings(ns.getAsJsonArray("words"));
        int[] counts = ints(ns.getAsJsonArray("word_token_counts"));
        JsonArray expected = ns.getAsJsonObject("per_word_surprisal_bits").getAsJsonArray("sliding_recompute_fp32");
        int withinWindow = 0;
        for (int tokens = 0; withinWindow < words.size() && tokens + counts[withinWindow] <= 64; withinWindow++) {
            tokens += counts[withinWindow];
        }
        assertEquals(ns.get("first_word_index_past_window").getAsInt(), withinWindow);
        try (Subject subject = create("gpt2-realtok-0", Map.of())) {
            assertEquals("strided", subject.settings().get("policy"));
            assertEquals("32", subject.settings().get("stride"));
            subject.startBehavioralTask(Task.READING_TIMES);
            List<PartResult> results = subject.digestText(words);
            assertEquals(300, results.size());
            int firstToken = 0;
            double maxDiff = 0;
            for (int i = 0; i < words.size(); i++) {
                String where = "word " + i + " '" + words.get(i) + "'";
                PartResult result = results.get(i);
                assertEquals(counts[i], result.tokenCount(), "gpt2-realtok-0 naturalstories " + where);
                if (i < withinWindow) {
                    maxDiff = Math.max(maxDiff, assertBits("gpt2-realtok-0", "naturalstories", where, expected.get(i), result.readingTime()));
                    assertEquals(firstToken, result.contextTokens(), "gpt2-realtok-0 naturalstories " + where
                            + ": inside the first window a word sees every token before it");
                } else {
                    assertTrue(Double.isFinite(result.readingTime()) && result.readingTime() > 0, where);
                    assertTrue(result.contextTokens() >= 32 && result.contextTokens() <= 63,
                            "gpt2-realtok-0 naturalstories " + where + ": strided S=32 shows 32..63 tokens, got "
                                    + result.contextTokens());
                }
                firstToken += counts[i];
            }
            System.out.printf("subject gpt2-realtok-0 naturalstories, default policy: %d words inside the first window,"
                    + " max |diff| = %.2e bits%n", withinWindow, maxDiff);
        }
    }

    @Test
    void naturalStoriesUnderTruncateAndBrainscoreKvReproduceBrainScoresOwnTwoPaths() {
        JsonObject brainscore = SharedFixtures.readJson(SharedFixtures.fixture("gpt2-realtok-0")
                .resolve("expected-brainscore.json")).getAsJsonObject("naturalstories");
        List<String> words = strings(brainscore.getAsJsonArray("words"));
        for (Map.Entry<String, String> run : Map.of("truncate", "reading_times_nokv", "brainscore-kv",
                "reading_times_kv").entrySet()) {
            JsonArray expected = brainscore.getAsJsonArray(run.getValue());
            try (Subject subject = create("gpt2-realtok-0", Map.of("policy", run.getKey()))) {
                assertEquals(run.getKey(), subject.settings().get("policy"));
                List<PartResult> results = subject.digestText(words);
                double maxDiff = 0;
                for (int i = 0; i < words.size(); i++) {
                    maxDiff = Math.max(maxDiff, assertBits("gpt2-realtok-0", "naturalstories (policy " + run.getKey() + " vs Brain-Score "
                            + run.getValue() + ")", "word " + i + " '" + words.get(i) + "'", expected.get(i),
                            results.get(i).readingTime()));
                }
                System.out.printf("subject gpt2-realtok-0 naturalstories, policy %s vs Brain-Score %s: max |diff| = %.2e"
                        + " bits over %d words%n", run.getKey(), run.getValue(), maxDiff, words.size());
            }
        }
    }

    @Test
    void everySyntaxGymRegionMatchesTheReferenceIncludingEmptyRegions() {
        JsonArray suites = SharedFixtures.expected("gpt2-realtok-0").getAsJsonArray("syntaxgym");
        int regions = 0;
        double maxDiff = 0;
        try (Subject subject = create("gpt2-realtok-0", Map.of())) {
            subject.startBehavioralTask(Task.READING_TIMES);
            for (JsonElement suite : suites) {
                String suiteName = suite.getAsJsonObject().get("suite").getAsString();
                for (JsonElement conditionElement : suite.getAsJsonObject().getAsJsonArray("conditions")) {
                    JsonObject condition = conditionElement.getAsJsonObject();
                    String text = suiteName + " " + condition.get("condition_name").getAsString();
                    List<String> parts = strings(condition.getAsJsonArray("regions"));
                    JsonArray expected = condition.getAsJsonArray("per_region_surprisal_bits_fp32");
                    int[] counts = ints(condition.getAsJsonArray("region_token_counts"));
                    List<PartResult> results = subject.digestText(parts);
                    for (int r = 0; r < parts.size(); r++) {
                        maxDiff = Math.max(maxDiff, assertBits("gpt2-realtok-0", text, "region " + (r + 1) + " '"
                                + parts.get(r) + "'", expected.get(r), results.get(r).readingTime()));
                        assertEquals(counts[r], results.get(r).tokenCount(), text + " region " + (r + 1));
                        regions++;
                    }
                }
            }
        }
        assertEquals(4 * 6 + 4 * 7 + 4 * 6, regions, "mvrr, number_prep and npz_ambig: every region of every condition");
        System.out.printf("subject gpt2-realtok-0 syntaxgym: %d regions, max |diff| = %.2e bits%n", regions, maxDiff);
    }

    @Test
    void everySmallFixtureGivesPerWordReadingTimesAndNextWordsOfTransformers() {
        for (String fixture : SharedFixtures.SMALL_FIXTURES) {
            String referenceFile = fixture.equals("mistral-swa-0") ? "expected-transformers-4.44.0.json" : "expected.json";
            JsonObject reference = SharedFixtures.readJson(SharedFixtures.fixture(fixture).resolve(referenceFile));
            try (Subject subject = create(fixture, Map.of())) {
                subject.startBehavioralTask(Task.READING_TIMES);
                for (JsonElement textElement : reference.getAsJsonArray("texts")) {
                    checkText(subject, fixture, textElement.getAsJsonObject());
                }
            }
        }
        System.out.printf("subject small fixtures: %d fixtures x 3 texts, max per-word |diff| = %.2e bits%n",
                SharedFixtures.SMALL_FIXTURES.size(), maxSmallDiff);
    }

    /**
     * OPT's tokenizer puts {@code </s>} (id 2) before every text and Gemma's puts {@code <bos>} (here the
     * fixture's {@code <s>}, id 1): the subject treats them as any BOS, so the first word is scored from it.
     * Every word's bits equal the model's own log-probs over the BOS-prefixed ids.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"opt-0, </s>, 2", "gemma-0, <s>, 1"})
    void aTokenizerThatPrependsABosScoresTheFirstWordFromIt(String fixture, String bos, int bosId) throws Exception {
        Path folder = home.resolve(fixture + "-bos");
        java.nio.file.Files.createDirectories(folder);
        for (String file : List.of("config.json", "model.safetensors")) {
            java.nio.file.Files.copy(SharedFixtures.fixture(fixture).resolve(file), folder.resolve(file));
        }
        BosTokenizers.writeWordLevelWithBos(folder, fixture, bos, bosId);
        JsonObject text = SharedFixtures.expected(fixture).getAsJsonArray("texts").get(0).getAsJsonObject();
        List<String> words = List.of(text.get("text").getAsString().split(" "));
        int[] textIds = ints(text.getAsJsonArray("token_ids"));
        int[] ids = new int[textIds.length + 1];
        ids[0] = bosId;
        System.arraycopy(textIds, 0, ids, 1, textIds.length);
        double[] logProbs;
        try (var model = org.langscore.huggingface.model.ModelLoader.load(folder);
             var cache = model.newCache()) {
            int[] targets = new int[ids.length];
            long[] positions = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                targets[i] = i + 1 < ids.length ? ids[i + 1] : -1;
                positions[i] = i;
            }
            logProbs = model.forward(cache, ids, positions, targets, 0).logProbs();
        }
        try (Subject subject = new HuggingFaceSubjectFactory(Map.of()).create(folder.toString(), Map.of(),
                new PluginContext(Map.of("hub.offline", "true"), home, home))) {
            assertEquals("true", subject.settings().get("bos"), fixture);
            List<PartResult> results = subject.digestText(words);
            int token = 0;
            for (int w = 0; w < words.size(); w++) {
                // text token t is ids[t + 1], predicted from everything up to ids[t] (the BOS for t = 0)
                double expected = 0;
                for (int t = token; t < token + results.get(w).tokenCount(); t++) {
                    expected -= logProbs[t] / LN2;
                }
                assertEquals(expected, results.get(w).readingTime(), BITS_TOLERANCE,
                        fixture + " word " + w + " '" + words.get(w) + "'");
                token += results.get(w).tokenCount();
            }
            assertEquals(textIds.length, token, fixture + ": every text token in some word");
            assertTrue(Double.isFinite(results.get(0).readingTime()), fixture + ": the first word is scored");
        }
    }

    /**
     * Splits the text into its space-separated words, derives each word's tokens from the reference's own
     * token strings, and compares the subject's per-word results with sums of transformers' log-probs.
     */
    private static void checkText(Subject subject, String fixture, JsonObject text) {
        String name = text.get("name").getAsString();
        List<String> words = List.of(text.get("text").getAsString().split(" "));
        List<String> tokens = strings(text.getAsJsonArray("tokens"));
        int[] ids = ints(text.getAsJsonArray("token_ids"));
        JsonObject fp32 = text.getAsJsonObject("fp32");
        double[] logProbs = doubles(fp32.getAsJsonObject("full").getAsJsonArray("logprobs"));
        int[] argmax = ints(fp32.getAsJsonArray("argmax_next"));
        List<PartResult> results = subject.digestText(words);
        int token = 0;
        int nextWordsChecked = 0;
        for (int w = 0; w < words.size(); w++) {
            StringBuilder covered = new StringBuilder();
            double bits = 0;
            boolean scored = false;
            int first = token;
            while (!covered.toString().equals(words.get(w))) {
                if (token >= tokens.size() || covered.length() >= words.get(w).length()) {
                    fail(fixture + " text " + name + ": the reference tokens do not spell word " + w + " '"
                            + words.get(w) + "'");
                }
                covered.append(tokens.get(token));
                if (token > 0) {
                    bits -= logProbs[token - 1] / LN2;
                    scored = true;
                }
                token++;
            }
            PartResult result = results.get(w);
            String where = "word " + w + " '" + words.get(w) + "'";
            assertEquals(token - first, result.tokenCount(), fixture + " text " + name + " " + where + ": tokens");
            maxSmallDiff = Math.max(maxSmallDiff, assertBitsValue(fixture, name, where, scored ? bits : Double.NaN,
                    result.readingTime()));
            // The default policies give a token at most W-1 = 63 tokens of context, so the prediction after
            // token 63 (the last of the 64-token text) comes from a restarted window, unlike transformers' one
            // forward pass over all 64: the next word is compared where both saw the whole prefix.
            if (token - 1 < 63) {
                String expectedNext = subjectDecode(fixture, argmax[token - 1]);
                assertEquals(expectedNext, result.nextWord(), fixture + " text " + name + " " + where
                        + ": next word (argmax id " + argmax[token - 1] + " after token " + (token - 1) + ", id "
                        + ids[token - 1] + ")");
                nextWordsChecked++;
            }
        }
        assertEquals(tokens.size(), token, fixture + " text " + name + ": all tokens covered");
        assertTrue(nextWordsChecked >= words.size() - 1, fixture + " text " + name + ": next words checked");
    }

    private static String subjectDecode(String fixture, int id) {
        try (var tokenizer = org.langscore.huggingface.tokenizer.ModelTokenizer.load(SharedFixtures.fixture(fixture))) {
            return tokenizer.decode(id).strip();
        }
    }

    private Subject create(String fixture, Map<String, String> options) {
        return new HuggingFaceSubjectFactory(Map.of()).create(SharedFixtures.fixture(fixture).toString(), options,
                new PluginContext(Map.of("hub.offline", "true"), home, home));
    }

    private static double assertBits(String fixture, String text, String where, JsonElement expected, double actual) {
        return assertBitsValue(fixture, text, where, expected.isJsonNull() ? Double.NaN : expected.getAsDouble(), actual);
    }

    /** @return |expected - actual| (0 where both are NaN) */
    private static double assertBitsValue(String fixture, String text, String where, double expected, double actual) {
        String label = "fixture " + fixture + ", text " + text + ", " + where;
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), label + ": expected NaN (no context), got " + actual);
            return 0;
        }
        double diff = Math.abs(expected - actual);
        if (!(diff <= BITS_TOLERANCE)) {
            fail(String.format("%s: surprisal %.6f bits vs reference %.6f (|diff| %.2e > %.0e)", label, actual,
                    expected, diff, BITS_TOLERANCE));
        }
        return diff;
    }

    static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        for (JsonElement element : array) {
            values.add(element.getAsString());
        }
        return values;
    }

    static int[] ints(JsonArray array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsInt();
        }
        return values;
    }

    static double[] doubles(JsonArray array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsDouble();
        }
        return values;
    }
}
