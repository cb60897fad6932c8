package org.langscore.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.ModelLoader;
import org.langscore.huggingface.model.TokenScores;
import org.langscore.huggingface.model.TokenTree;
import org.langscore.huggingface.tokenizer.ModelTokenizer;
import org.langscore.spi.PartResult;
import org.langscore.spi.Task;

/**
 * Real SyntaxGym suites ({@code data/syntaxgym}, every condition of every item one text, the regions as
 * its parts) scored through {@link HuggingFaceSubject#digestTexts} with many texts per call, their shared
 * leading tokens computed once, give what one {@code digestText} per text gives: per region the same
 * surprisal within 1e-5 bits (NaN where alone is NaN), the same token counts, context tokens and next
 * word. Checked on the real GPT-2 tokenizer, Llama, Mistral with its own window of 8 (shorter than most
 * sentences) and GPT-Neo (whose local layers take the per-path packing), and the calls must actually have
 * packed several items and shared tokens.
 */
class SharedPrefixTextsTest {
    private static final double TOLERANCE_BITS = 1e-5;
    private static final List<String> SUITES = List.of("cleft", "center_embed", "mvrr_mod", "npi_orc_any",
            "reflexive_prep_fem", "subordination_src-src", "number_src", "fgd_hierarchy");

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-realtok-0", "llama-0", "mistral-swa-0", "gpt_neo-0"})
    void syntaxGymSuitesScoreAsEachTextAlone(String fixture) {
        List<List<String>> texts = syntaxGymTexts();
        List<int[]> trees = new ArrayList<>();
        List<List<PartResult>> together;
        List<List<PartResult>> alone = new ArrayList<>();
        var folder = SharedFixtures.fixture(fixture);
        CausalLanguageModel model = new TreeRecordingModel(ModelLoader.load(folder), trees);
        try (HuggingFaceSubject subject = new HuggingFaceSubject(fixture, model, ModelTokenizer.load(folder),
                HuggingFaceSubjectFactory.policyFor(model.info(), SubjectOptions.defaults()), 64)) {
            subject.startBehavioralTask(Task.READING_TIMES);
            together = subject.digestTexts(texts);
            for (List<String> text : texts) {
                alone.add(subject.digestText(text));
            }
        }
        double maxDiff = 0;
        for (int t = 0; t < texts.size(); t++) {
            for (int r = 0; r < texts.get(t).size(); r++) {
                String where = fixture + " text " + t + " region " + r + " '" + texts.get(t).get(r) + "'";
                PartResult a = alone.get(t).get(r);
                PartResult b = together.get(t).get(r);
                if (Double.isNaN(a.readingTime())) {
                    assertTrue(Double.isNaN(b.readingTime()), where + ": expected NaN, got " + b.readingTime());
                } else {
                    double diff = Math.abs(a.readingTime() - b.readingTime());
                    assertTrue(diff <= TOLERANCE_BITS, where + ": |together - alone| = " + diff + " bits");
                    maxDiff = Math.max(maxDiff, diff);
                }
                assertEquals(a.tokenCount(), b.tokenCount(), where + ": tokens");
                assertEquals(a.contextTokens(), b.contextTokens(), where + ": context tokens");
                assertEquals(a.nextWord(), b.nextWord(), where + ": next word");
            }
        }
        int nodes = trees.stream().mapToInt(call -> call[0]).sum();
        int tokens = trees.stream().mapToInt(call -> call[1]).sum();
        int packedTexts = trees.stream().mapToInt(call -> call[2]).sum();
        assertTrue(trees.stream().allMatch(call -> call[2] <= 64), fixture + ": at most 64 texts per call");
        assertTrue(trees.size() * 16 < texts.size(), fixture + ": many texts per call, " + trees.size() + " calls");
        assertTrue(nodes < 0.9 * tokens, fixture + ": shared leading tokens were computed once, " + nodes + " of "
                + tokens);
        System.out.printf("syntaxgym texts %s: %d texts (%d packed) in %d calls, %d of %d tokens computed,"
                + " max |together - alone| = %.2e bits%n", fixture, texts.size(), packedTexts, trees.size(), nodes,
                tokens, maxDiff);
    }

    /**
     * A text with the token ids of an earlier one takes the earlier one's per-token scores even when a batch
     * boundary lies between them, so that equal sentences tie exactly (a formula comparing two conditions
     * that a word-level tokenizer maps to the same ids sees 0, as it does when each is scored alone).
     */
    @org.junit.jupiter.api.Test
    void identicalTokenSequencesInDifferentCallsGetIdenticalValues() {
        var folder = SharedFixtures.fixture("gpt2-realtok-0");
        List<int[]> trees = new ArrayList<>();
        CausalLanguageModel model = new TreeRecordingModel(ModelLoader.load(folder), trees);
        List<List<String>> texts = List.of(List.of("The", "dog", "ran"), List.of("A", "cat", "sat", "down"),
                List.of("Some", "birds"), List.of("The", "dog", "ran"));
        try (HuggingFaceSubject subject = new HuggingFaceSubject("gpt2-realtok-0", model, ModelTokenizer.load(folder),
                HuggingFaceSubjectFactory.policyFor(model.info(), SubjectOptions.defaults()), 2)) {
            List<List<PartResult>> results = subject.digestTexts(texts);
            assertEquals(List.of(2, 1), trees.stream().map(call -> call[2]).toList(), "the repeated text is not rescored");
            assertEquals(results.get(0), results.get(3));
            List<PartResult> alone = subject.digestText(texts.get(3));
            for (int r = 1; r < 3; r++) {
                assertEquals(alone.get(r).readingTime(), results.get(3).get(r).readingTime(), TOLERANCE_BITS);
            }
        }
    }

    /** Every condition of every item of the suites, as its regions. */
    private static List<List<String>> syntaxGymTexts() {
        List<List<String>> texts = new ArrayList<>();
        for (String suite : SUITES) {
            JsonObject json = SharedFixtures.readJson(SharedFixtures.sharedDir().resolve("data").resolve("syntaxgym")
                    .resolve("test_suites").resolve("json").resolve(suite + ".json"));
            for (JsonElement item : json.getAsJsonArray("items")) {
                for (JsonElement condition : item.getAsJsonObject().getAsJsonArray("conditions")) {
                    List<String> regions = new ArrayList<>();
                    for (JsonElement region : condition.getAsJsonObject().getAsJsonArray("regions")) {
                        regions.add(region.getAsJsonObject().get("content").getAsString());
                    }
                    texts.add(regions);
                }
            }
        }
        return texts;
    }

    /** The real model, recording per {@code forwardTree} call its nodes, the tokens of its texts, its texts. */
    private static final class TreeRecordingModel extends ForwardingModel {
        private final List<int[]> calls;

        TreeRecordingModel(CausalLanguageModel model, List<int[]> calls) {
            super(model);
            this.calls = calls;
        }

        @Override
        public TokenScores forwardTree(TokenTree tree) {
            int[] leaves = tree.leaves();
            int pathTokens = 0;
            for (int leaf : leaves) {
                pathTokens += tree.path(leaf).length;
            }
            calls.add(new int[] {tree.size(), pathTokens, leaves.length});
            return super.forwardTree(tree);
        }
    }
}
