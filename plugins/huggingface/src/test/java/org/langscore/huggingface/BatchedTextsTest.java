package org.langscore.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.ModelLoader;
import org.langscore.huggingface.model.TokenScores;
import org.langscore.huggingface.model.TokenTree;
import org.langscore.huggingface.tokenizer.ModelTokenizer;
import org.langscore.spi.PartResult;
import org.langscore.spi.Task;

/**
 * Independent texts scored together ({@link HuggingFaceSubject#digestTexts}): on every small fixture and on
 * gpt2-realtok-0's SyntaxGym texts, batch size 8 gives the results of batch size 1 and of one
 * {@code digestText} per text within 1e-5 bits, with texts of very different lengths in one batched call,
 * texts longer than the policy's full context (scored alone) and texts without tokens mixed in.
 */
class BatchedTextsTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void everySmallFixtureGivesTheSameResultsWithBatchOneAndEightAndAlone() {
        double maxDiff = 0;
        for (String fixture : SharedFixtures.SMALL_FIXTURES) {
            String referenceFile = fixture.equals("mistral-swa-0") ? "expected-transformers-4.44.0.json" : "expected.json";
            JsonObject reference = SharedFixtures.readJson(SharedFixtures.fixture(fixture).resolve(referenceFile));
            List<List<String>> texts = new ArrayList<>();
            for (JsonElement text : reference.getAsJsonArray("texts")) {
                List<String> words = List.of(text.getAsJsonObject().get("text").getAsString().split(" "));
                for (int length : new int[] {1, 30, 2, 5, 12, words.size()}) {
                    texts.add(words.subList(0, Math.min(length, words.size())));
                }
                texts.add(List.of("", " "));
                List<String> withEmpty = new ArrayList<>(words.subList(0, 4));
                withEmpty.add(2, "");
                texts.add(withEmpty);
            }
            maxDiff = Math.max(maxDiff, compare(fixture, texts, true));
        }
        System.out.printf("batched texts, small fixtures: max |batch 8 - alone| = %.2e bits%n", maxDiff);
    }

    @Test
    void syntaxGymTextsOfTheRealTokenizerFixtureMatchAloneAndTheReference() {
        List<List<String>> texts = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        for (JsonElement suite : SharedFixtures.expected("gpt2-realtok-0").getAsJsonArray("syntaxgym")) {
            for (JsonElement condition : suite.getAsJsonObject().getAsJsonArray("conditions")) {
                texts.add(SubjectParityTest.strings(condition.getAsJsonObject().getAsJsonArray("regions")));
                double[] bits = new double[texts.get(texts.size() - 1).size()];
                var reference = condition.getAsJsonObject().getAsJsonArray("per_region_surprisal_bits_fp32");
                for (int r = 0; r < bits.length; r++) {
                    bits[r] = reference.get(r).isJsonNull() ? Double.NaN : reference.get(r).getAsDouble();
                }
                expected.add(bits);
            }
        }
        assertEquals(12, texts.size());
        compare("gpt2-realtok-0", texts, false);
        try (HuggingFaceSubject subject = subject("gpt2-realtok-0", 8, new ArrayList<>())) {
            List<List<PartResult>> results = subject.digestTexts(texts);
            for (int t = 0; t < texts.size(); t++) {
                for (int r = 0; r < texts.get(t).size(); r++) {
                    assertClose(expected.get(t)[r], results.get(t).get(r).readingTime(), 1e-3,
                            "gpt2-realtok-0 syntaxgym text " + t + " region " + r + " vs transformers");
                }
            }
        }
    }

    /**
     * Scores the texts with batch 8, batch 1 and one digestText each; asserts equal results and that
     * batch 8 packed several texts of very different lengths into one call.
     *
     * @return the largest difference in bits between batch 8 and alone
     */
    private static double compare(String fixture, List<List<String>> texts, boolean expectMixedLengths) {
        List<int[]> calls8 = new ArrayList<>();
        List<int[]> calls1 = new ArrayList<>();
        List<List<PartResult>> batched8;
        List<List<PartResult>> batched1;
        List<List<PartResult>> alone = new ArrayList<>();
        try (HuggingFaceSubject subject = subject(fixture, 8, calls8)) {
            subject.startBehavioralTask(Task.READING_TIMES);
            batched8 = subject.digestTexts(texts);
            for (List<String> text : texts) {
                alone.add(subject.digestText(text));
            }
        }
        try (HuggingFaceSubject subject = subject(fixture, 1, calls1)) {
            batched1 = subject.digestTexts(texts);
        }
        assertTrue(calls8.stream().anyMatch(lengths -> lengths.length > 1), fixture + ": batch 8 packed several texts");
        assertTrue(calls8.stream().allMatch(lengths -> lengths.length <= 8), fixture + ": at most 8 texts per call");
        assertTrue(calls1.stream().allMatch(lengths -> lengths.length == 1), fixture + ": batch 1 is one text per call");
        if (expectMixedLengths) {
            assertTrue(calls8.stream().anyMatch(lengths -> Arrays.stream(lengths).max().getAsInt()
                    >= 5 * Arrays.stream(lengths).min().getAsInt()),
                    fixture + ": one call held texts of very different lengths " + describe(calls8));
        }
        double maxDiff = 0;
        assertEquals(texts.size(), batched8.size());
        for (int t = 0; t < texts.size(); t++) {
            for (int p = 0; p < texts.get(t).size(); p++) {
                String where = fixture + " text " + t + " part " + p + " '" + texts.get(t).get(p) + "'";
                PartResult a = alone.get(t).get(p);
                for (PartResult b : List.of(batched8.get(t).get(p), batched1.get(t).get(p))) {
                    assertClose(a.readingTime(), b.readingTime(), TOLERANCE, where);
                    assertEquals(a.nextWord(), b.nextWord(), where + ": next word");
                    assertEquals(a.tokenCount(), b.tokenCount(), where + ": tokens");
                    assertEquals(a.contextTokens(), b.contextTokens(), where + ": context tokens");
                }
                if (!Double.isNaN(a.readingTime())) {
                    maxDiff = Math.max(maxDiff, Math.abs(a.readingTime() - batched8.get(t).get(p).readingTime()));
                }
            }
        }
        return maxDiff;
    }

    private static String describe(List<int[]> calls) {
        return calls.stream().map(Arrays::toString).toList().toString();
    }

    private static void assertClose(double expected, double actual, double tolerance, String where) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), where + ": expected NaN, got " + actual);
        } else {
            assertEquals(expected, actual, tolerance, where);
        }
    }

    /** A subject on the fixture under its default policy whose model records the lengths of each batched call. */
    private static HuggingFaceSubject subject(String fixture, int batch, List<int[]> calls) {
        var folder = SharedFixtures.fixture(fixture);
        CausalLanguageModel model = new RecordingModel(ModelLoader.load(folder), calls);
        return new HuggingFaceSubject(fixture, model, ModelTokenizer.load(folder),
                HuggingFaceSubjectFactory.policyFor(model.info(), SubjectOptions.defaults()), batch);
    }

    /** The real model, recording the sequence lengths of every {@code forwardIndependent} and {@code forwardTree} call. */
    private static final class RecordingModel extends ForwardingModel {
        private final List<int[]> calls;

        RecordingModel(CausalLanguageModel model, List<int[]> calls) {
            super(model);
            this.calls = calls;
        }

        @Override
        public List<TokenScores> forwardIndependent(int[][] tokenIds, int[][] targetIds) {
            calls.add(Arrays.stream(tokenIds).mapToInt(ids -> ids.length).toArray());
            return super.forwardIndependent(tokenIds, targetIds);
        }

        /** Records the lengths of the tree's root-to-leaf paths (its texts, identical ones once) and runs it. */
        @Override
        public TokenScores forwardTree(TokenTree tree) {
            calls.add(Arrays.stream(tree.leaves()).map(leaf -> tree.path(leaf).length).toArray());
            return super.forwardTree(tree);
        }
    }
}
