package org.langscore.huggingface.policy;

import java.util.Arrays;
import java.util.function.IntConsumer;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.KvCache;
import org.langscore.huggingface.model.TokenScores;

/**
 * {@code truncate}, the oracle: each part is scored by a fresh forward pass over the W tokens that end
 * with the part's last token, positions from 0 (Brain-Score's path without a cache, whose window is
 * the tokenizer's {@code model_max_length}). The part's tokens see the tokens before them within that
 * window; the argmax after each token comes from the same pass. Exact and slow: one pass of up to W
 * tokens per part.
 *
 * <p>A part longer than {@code W-1} tokens has tokens that its window cannot predict; each of those is
 * scored by the window that ends with itself.
 */
public final class TruncatePolicy extends WindowParameterPolicy {

    /**
     * @param window W, tokens per pass including the scored one (at least 2); a text of at most W tokens
     *     is one window for every part
     */
    public TruncatePolicy(int window) {
        super(PolicyKind.TRUNCATE, window, 2);
    }

    @Override
    public ScoredText score(CausalLanguageModel model, int[] tokenIds, int[] partTokenCounts,
                            IntConsumer tokensDone) {
        int[] parts = Parts.of(tokenIds.length, partTokenCounts);
        TokenRecorder recorder = new TokenRecorder(model, tokenIds);
        int first = 0;
        for (int count : parts) {
            if (count == 0) {
                continue;
            }
            int last = first + count - 1;
            int start = scoreWindowEndingAt(recorder, last, first);
            // Tokens of an over-long part that its window does not reach get windows of their own.
            for (int token = first; token <= Math.min(start, last - 1); token++) {
                scoreWindowEndingAt(recorder, token, token);
            }
            first += count;
            tokensDone.accept(first);
        }
        return recorder.result();
    }

    /**
     * Runs one fresh pass over the W tokens ending at {@code last} and records the predictions of the
     * tokens {@code from..last} that the pass makes, and the argmax after each of them.
     *
     * @return the first token of the window
     */
    private int scoreWindowEndingAt(TokenRecorder recorder, int last, int from) {
        int[] ids = recorder.ids();
        int start = Math.max(0, last - window + 1);
        int n = last - start + 1;
        long[] positions = new long[n];
        int[] targets = new int[n];
        Arrays.fill(targets, -1);
        for (int j = 0; j < n; j++) {
            positions[j] = j;
            int target = start + j + 1;
            if (target >= Math.max(from, start + 1) && target <= last) {
                targets[j] = ids[target];
            }
        }
        TokenScores scores;
        try (KvCache cache = recorder.model().newCache()) {
            scores = recorder.model().forward(cache, Arrays.copyOfRange(ids, start, last + 1), positions, targets, 0);
        }
        for (int j = 0; j < n; j++) {
            int token = start + j;
            if (targets[j] >= 0) {
                recorder.record(token + 1, scores.logProbs()[j], recorder.visible(j + 1, 0));
            }
            if (token >= from) {
                recorder.recordArgmax(token, scores.argmax()[j]);
            }
        }
        return start;
    }
}
