package org.langscore.huggingface.policy;

/**
 * Per-token results of scoring one text under a {@link ContextPolicy}.
 *
 * @param logProbs {@code logProbs[i]} = ln p(token i | the context the policy showed it); NaN for a
 *     token that nothing precedes (token 0)
 * @param contextLengths {@code contextLengths[i]} = how many tokens token i saw before itself
 * @param argmaxAfter {@code argmaxAfter[i]} = the most probable next token after token i
 */
public record ScoredText(double[] logProbs, int[] contextLengths, int[] argmaxAfter) {
    public ScoredText {
        if (logProbs.length != contextLengths.length || logProbs.length != argmaxAfter.length) {
            throw new IllegalArgumentException("ScoredText arrays must have equal lengths");
        }
    }
}
