package org.langscore.huggingface.policy;

import java.util.Arrays;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.KvCache;
import org.langscore.huggingface.model.TokenScores;

/**
 * Collects the per-token results of one text while a policy runs forward calls over it, and makes
 * those calls: each fed token asks for the log-probability of the token after it in the text.
 */
final class TokenRecorder {

    private final CausalLanguageModel model;
    private final int[] ids;
    private final int ownWindow;
    private final double[] logProbs;
    private final int[] contextLengths;
    private final int[] argmax;

    TokenRecorder(CausalLanguageModel model, int[] ids) {
        this.model = model;
        this.ids = ids.clone();
        this.ownWindow = model.info().slidingWindow();
        this.logProbs = new double[ids.length];
        this.contextLengths = new int[ids.length];
        this.argmax = new int[ids.length];
        Arrays.fill(logProbs, Double.NaN);
        Arrays.fill(argmax, -1);
    }

    /**
     * Feeds tokens {@code [from, to)} at positions {@code firstPosition, ...} and records the
     * prediction each makes of the token after it, with how many tokens it saw.
     *
     * @param cache the cache holding the context (all of its entries within the band are visible)
     * @param attendWindow the band of the mask (0 = none)
     */
    void score(KvCache cache, int from, int to, long firstPosition, int attendWindow) {
        int n = to - from;
        int past = cache.length();
        int[] targets = new int[n];
        for (int j = 0; j < n; j++) {
            int next = from + j + 1;
            targets[j] = next < ids.length ? ids[next] : -1;
        }
        TokenScores scores = model.forward(cache, Arrays.copyOfRange(ids, from, to), positions(firstPosition, n),
                targets, attendWindow);
        for (int j = 0; j < n; j++) {
            int token = from + j;
            argmax[token] = scores.argmax()[j];
            if (token + 1 < ids.length) {
                logProbs[token + 1] = scores.logProbs()[j];
                contextLengths[token + 1] = visible(past + j + 1, attendWindow);
            }
        }
    }

    /**
     * Feeds tokens {@code [from, to)} only to extend the cache (re-encoding context whose predictions
     * are already recorded).
     */
    void encode(KvCache cache, int from, int to, long firstPosition, int attendWindow) {
        model.encode(cache, Arrays.copyOfRange(ids, from, to), positions(firstPosition, to - from), attendWindow);
    }

    private static long[] positions(long first, int n) {
        long[] positions = new long[n];
        for (int j = 0; j < n; j++) {
            positions[j] = first + j;
        }
        return positions;
    }

    /** Records one prediction made outside {@link #score} (truncate's windows). */
    void record(int target, double logProb, int contextLength) {
        logProbs[target] = logProb;
        contextLengths[target] = contextLength;
    }

    /** Records the argmax after one token. */
    void recordArgmax(int token, int best) {
        argmax[token] = best;
    }

    /** @return the keys a token sees, itself included, given the keys before it and the windows */
    int visible(int keys, int attendWindow) {
        int seen = keys;
        if (attendWindow > 0) {
            seen = Math.min(seen, attendWindow);
        }
        if (ownWindow > 0) {
            seen = Math.min(seen, ownWindow);
        }
        return seen;
    }

    /** @return the model */
    CausalLanguageModel model() {
        return model;
    }

    /** @return the token ids */
    int[] ids() {
        return ids;
    }

    ScoredText result() {
        return new ScoredText(logProbs.clone(), contextLengths.clone(), argmax.clone());
    }
}
