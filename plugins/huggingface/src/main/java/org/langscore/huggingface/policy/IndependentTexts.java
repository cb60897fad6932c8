package org.langscore.huggingface.policy;

import java.util.ArrayList;
import java.util.List;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.TokenScores;

/**
 * Scores several independent texts together, each as one plain causal pass from position 0 (what every
 * policy does with a text no longer than its {@link ContextPolicy#fullContextLength()}), through
 * {@link CausalLanguageModel#forwardIndependent}: one batched forward call per group of texts. The
 * per-token results are recorded as the policies record theirs, so that they equal a policy's
 * {@code score} of each text alone.
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
        int[][] ids = new int[texts.size()][];
        int[][] targets = new int[texts.size()][];
        for (int s = 0; s < ids.length; s++) {
            ids[s] = texts.get(s).clone();
            int n = ids[s].length;
            targets[s] = new int[n];
            for (int i = 0; i < n; i++) {
                targets[s][i] = i + 1 < n ? ids[s][i + 1] : -1;
            }
        }
        List<TokenScores> scores = model.forwardIndependent(ids, targets);
        List<ScoredText> results = new ArrayList<>(ids.length);
        for (int s = 0; s < ids.length; s++) {
            TokenRecorder recorder = new TokenRecorder(model, ids[s]);
            TokenScores text = scores.get(s);
            for (int i = 0; i < ids[s].length; i++) {
                recorder.recordArgmax(i, text.argmax()[i]);
                if (i + 1 < ids[s].length) {
                    recorder.record(i + 1, text.logProbs()[i], recorder.visible(i + 1, 0));
                }
            }
            results.add(recorder.result());
        }
        return results;
    }
}
