package org.langscore.huggingface.policy;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/** Checks and expands the per-part token counts given to a policy. */
final class Parts {

    private Parts() {
    }

    /**
     * @param tokenCount the number of tokens in the text
     * @param partTokenCounts the tokens per part, or null for one part per token
     * @return the counts, validated
     */
    static int[] of(int tokenCount, int[] partTokenCounts) {
        if (partTokenCounts == null) {
            int[] ones = new int[tokenCount];
            java.util.Arrays.fill(ones, 1);
            return ones;
        }
        long sum = 0;
        for (int i = 0; i < partTokenCounts.length; i++) {
            if (partTokenCounts[i] < 0) {
                throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "Part " + i + " has a negative token count "
                        + partTokenCounts[i]);
            }
            sum += partTokenCounts[i];
        }
        if (sum != tokenCount) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "The parts' token counts sum to " + sum
                    + " but the text has " + tokenCount + " tokens");
        }
        return partTokenCounts.clone();
    }
}
