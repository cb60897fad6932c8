package org.langscore.huggingface.model;

/**
 * The output of one forward call.
 *
 * @param logProbs per new token, ln p(target | context), NaN where no target was asked for
 * @param argmax per new token, the most probable next-token id
 */
public record TokenScores(double[] logProbs, int[] argmax) {
    public TokenScores {
        if (logProbs.length != argmax.length) {
            throw new IllegalArgumentException("logProbs and argmax lengths differ: " + logProbs.length + " vs "
                    + argmax.length);
        }
    }
}
