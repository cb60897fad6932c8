package org.langscore.huggingface;

import java.util.Map;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.KvCache;
import org.langscore.huggingface.model.TokenScores;
import org.langscore.huggingface.policy.ContextPolicy;
import org.langscore.huggingface.policy.ScoredText;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * One forward pass over the whole text, positions from 0: exact for texts within the model's window and
 * refused beyond it. Every token sees all tokens before it.
 */
final class FullSequencePolicy implements ContextPolicy {
    private final int window;

    /** @param window the most tokens a text may have */
    FullSequencePolicy(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.window = window;
    }

    @Override
    public String name() {
        return "full";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("window", Integer.toString(window));
    }

    @Override
    public ScoredText score(CausalLanguageModel model, int[] tokenIds, int[] partTokenCounts) {
        int n = tokenIds.length;
        if (n > window) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "a text of " + n + " tokens is longer than the "
                    + window + "-token window of the policy 'full'");
        }
        long[] positions = new long[n];
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
            targets[i] = i + 1 < n ? tokenIds[i + 1] : -1;
        }
        TokenScores scores;
        try (KvCache cache = model.newCache()) {
            scores = model.forward(cache, tokenIds, positions, targets, 0);
        }
        double[] logProbs = new double[n];
        int[] contextLengths = new int[n];
        logProbs[0] = Double.NaN;
        for (int i = 1; i < n; i++) {
            logProbs[i] = scores.logProbs()[i - 1];
            contextLengths[i] = i;
        }
        return new ScoredText(logProbs, contextLengths, scores.argmax().clone());
    }
}
