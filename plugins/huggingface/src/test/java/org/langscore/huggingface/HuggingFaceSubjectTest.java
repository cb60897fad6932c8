package org.langscore.huggingface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.ModelInfo;
import org.langscore.huggingface.policy.ContextPolicy;
import org.langscore.huggingface.policy.ScoredText;
import org.langscore.huggingface.tokenizer.ModelTokenizer;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Task;

/**
 * The subject's alignment and aggregation, with the fixtures' real WordLevel tokenizer and a fake policy
 * whose numbers are known by hand ({@link ArithmeticPolicy}: token id / 8 bits).
 */
class HuggingFaceSubjectTest {
    private static final ModelInfo INFO = new ModelInfo("GPT2LMHeadModel", "gpt2", 1000, 64, 0, true, 1000);

    @Test
    void readingTimesAreBitsSummedOverEachPartsTokensAndNextWordsFollowTheLastToken() {
        ArithmeticPolicy policy = new ArithmeticPolicy(1);
        try (HuggingFaceSubject subject = subject(policy)) {
            subject.startBehavioralTask(Task.READING_TIMES);
            List<PartResult> results = subject.digestText(List.of("The", "quick brown", "", "fox", ".", "jumps"));
            // ids: The=17 quick=18 brown=19 fox=20 .=4 jumps=21
            assertArrayEquals(new int[] {17, 18, 19, 20, 4, 21}, policy.tokenCalls.get(0));
            assertArrayEquals(new int[] {1, 2, 0, 1, 1, 1}, policy.partCountCalls.get(0));
            assertPart(results.get(0), "The", Double.NaN, "quick", 1, 0);
            assertPart(results.get(1), "quick brown", (18 + 19) / 8.0, "fox", 2, 1);
            assertPart(results.get(2), "", 0.0, "fox", 0, -1);
            assertPart(results.get(3), "fox", 20 / 8.0, "jumps", 1, 3);
            assertPart(results.get(4), ".", 4 / 8.0, ",", 1, 4);
            assertPart(results.get(5), "jumps", 21 / 8.0, "over", 1, 5);
        }
    }

    @Test
    void aFirstPartOfSeveralTokensSumsAllButItsFirstToken() {
        try (HuggingFaceSubject subject = subject(new ArithmeticPolicy(1))) {
            List<PartResult> results = subject.digestText(List.of("The quick", "brown"));
            assertPart(results.get(0), "The quick", 18 / 8.0, "brown", 2, 0);
            assertPart(results.get(1), "brown", 19 / 8.0, "fox", 1, 2);
        }
    }

    @Test
    void aBosTokenPredictsTheFirstTokenAndBelongsToTheFirstPartForThePolicy(@TempDir Path folder) throws IOException {
        BosTokenizers.writeWordLevelWithBos(folder);
        ArithmeticPolicy policy = new ArithmeticPolicy(1);
        try (HuggingFaceSubject subject = new HuggingFaceSubject("bos", new InfoOnlyModel(INFO),
                ModelTokenizer.load(folder), policy)) {
            List<PartResult> results = subject.digestText(List.of("", "The", "fox"));
            assertArrayEquals(new int[] {1, 17, 20}, policy.tokenCalls.get(0));
            assertArrayEquals(new int[] {0, 2, 1}, policy.partCountCalls.get(0), "the BOS joins the first part with tokens");
            assertPart(results.get(0), "", 0.0, "</s>", 0, -1); // the argmax after the BOS (id 1) is id 2
            assertPart(results.get(1), "The", 17 / 8.0, "quick", 1, 1);
            assertPart(results.get(2), "fox", 20 / 8.0, "jumps", 1, 2);
            assertEquals("true", subject.settings().get("bos"));
        }
    }

    @Test
    void aTextWithoutTokensIsNotScored() {
        ArithmeticPolicy policy = new ArithmeticPolicy(1);
        try (HuggingFaceSubject subject = subject(policy)) {
            List<PartResult> results = subject.digestText(List.of("", "  "));
            assertPart(results.get(0), "", 0.0, null, 0, -1);
            assertPart(results.get(1), "  ", 0.0, null, 0, -1);
            assertTrue(subject.digestText(List.of()).isEmpty());
            assertTrue(policy.tokenCalls.isEmpty());
        }
    }

    @Test
    void nothingCarriesAcrossCalls() {
        ArithmeticPolicy policy = new ArithmeticPolicy(1);
        try (HuggingFaceSubject subject = subject(policy)) {
            subject.digestText(List.of("The", "quick"));
            List<PartResult> second = subject.digestText(List.of("fox", "jumps"));
            assertArrayEquals(new int[] {20, 21}, policy.tokenCalls.get(1));
            assertPart(second.get(0), "fox", Double.NaN, "jumps", 1, 0);
        }
    }

    @Test
    void settingsRecordPolicyDtypeAndWindowAndMemoryFollowsTheParameterCount() {
        try (HuggingFaceSubject subject = subject(new ArithmeticPolicy(1))) {
            Map<String, String> settings = subject.settings();
            assertEquals("arithmetic", settings.get("policy"));
            assertEquals("7", settings.get("window"));
            assertEquals("float32", settings.get("dtype"));
            assertEquals("false", settings.get("bos"));
            assertEquals(1000 * 4 * 5 / 4 + (64L << 20), subject.estimatedMemoryBytes().getAsLong());
            assertEquals("tiny", subject.identifier());
        }
    }

    @Test
    void closeReleasesTheModelAndRefusesLaterTexts() {
        InfoOnlyModel model = new InfoOnlyModel(INFO);
        HuggingFaceSubject subject = new HuggingFaceSubject("tiny", model,
                ModelTokenizer.load(SharedFixtures.fixture("gpt2-0")), new ArithmeticPolicy(1));
        subject.close();
        assertTrue(model.isClosed());
        subject.close();
        assertThrows(IllegalStateException.class, () -> subject.digestText(List.of("The")));
    }

    @Test
    void aFaultInsideTheComputationBecomesAScoringExceptionNamingTheModel() {
        ContextPolicy failing = new ContextPolicy() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public Map<String, String> parameters() {
                return Map.of();
            }

            @Override
            public ScoredText score(CausalLanguageModel model, int[] tokenIds, int[] partTokenCounts,
                                    java.util.function.IntConsumer tokensDone) {
                throw new IllegalStateException("native out of memory");
            }
        };
        try (HuggingFaceSubject subject = new HuggingFaceSubject("tiny", new InfoOnlyModel(INFO),
                ModelTokenizer.load(SharedFixtures.fixture("gpt2-0")), failing)) {
            ScoringException e = assertThrows(ScoringException.class, () -> subject.digestText(List.of("The", "fox")));
            assertEquals(ErrorCode.COMPUTATION_FAILED, e.code());
            assertTrue(e.getMessage().contains("tiny") && e.getMessage().contains("native out of memory"), e.getMessage());
            assertTrue(e.getCause() instanceof IllegalStateException);
        }
    }

    private static HuggingFaceSubject subject(ArithmeticPolicy policy) {
        return new HuggingFaceSubject("tiny", new InfoOnlyModel(INFO),
                ModelTokenizer.load(SharedFixtures.fixture("gpt2-0")), policy);
    }

    private static void assertPart(PartResult result, String part, double bits, String next, int tokens, int context) {
        assertEquals(part, result.part());
        if (Double.isNaN(bits)) {
            assertTrue(Double.isNaN(result.readingTime()), "part '" + part + "': expected NaN, got " + result.readingTime());
        } else {
            assertEquals(bits, result.readingTime(), 1e-12, "part '" + part + "': reading time");
        }
        if (next == null) {
            assertNull(result.nextWord(), "part '" + part + "': next word");
        } else {
            assertEquals(next, result.nextWord(), "part '" + part + "': next word");
        }
        assertEquals(tokens, result.tokenCount(), "part '" + part + "': token count");
        assertEquals(context, result.contextTokens(), "part '" + part + "': context tokens");
    }
}
