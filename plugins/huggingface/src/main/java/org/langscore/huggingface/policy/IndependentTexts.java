package org.langscore.huggingface.policy;

import java.util.ArrayList;
import java.util.List;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.TokenScores;

/**
 * Scores several independent texts together, each as one plain causal pass from position 0 (what every
 * policy does with a text no longer than its {@link ContextPolicy#fullContextLength()}): the texts are
 * gathered into a {@link TokenTrie}, so that leading tokens they share (with the token after them) are
 * computed once, and scored by one {@link CausalLanguageModel#forwardTree} call, in which every token sees
 * exactly the tokens before it in its own text. The per-token results are recorded as the policies record
 * theirs, so that they equal a policy's {@code score} of each text alone.
 */
public final class IndependentTexts {

    private IndependentTexts() {
    }

    /**
     * @param model the model
     * @param texts the token ids of each text, each non-empty
     * @return per text, its per-token scores
     */
    public static List<ScoredText> score(CausalLanguageModel model, List<int[]> texts) {
        TokenTrie trie = new TokenTrie();
        for (int[] text : texts) {
            trie.add(text);
        }
        return score(model, trie);
    }

    /**
     * @param model the model
     * @param trie the texts, at least one
     * @return per text of the trie, in the order added, its per-token scores
     */
    public static List<ScoredText> score(CausalLanguageModel model, TokenTrie trie) {
        TokenScores scores = model.forwardTree(trie.tree());
        List<ScoredText> results = new ArrayList<>(trie.textCount());
        for (int t = 0; t < trie.textCount(); t++) {
            int[] ids = trie.text(t);
            int[] nodes = trie.nodesOf(t);
            TokenRecorder recorder = new TokenRecorder(model, ids);
            for (int i = 0; i < ids.length; i++) {
                recorder.recordArgmax(i, scores.argmax()[nodes[i]]);
                if (i + 1 < ids.length) {
                    recorder.record(i + 1, scores.logProbs()[nodes[i]], recorder.visible(i + 1, 0));
                }
            }
            results.add(recorder.result());
        }
        return results;
    }
}
