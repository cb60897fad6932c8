package org.langscore.spi;

import java.util.Objects;

/**
 * What a {@link Subject} produced for one part (word or region) of a text.
 *
 * @param part the part as given
 * @param readingTime surprisal in bits (-log2 p summed over the part's tokens that saw some context);
 *     NaN when none of its tokens saw any context (the first word of a text, when it is one token);
 *     0 for a part with no tokens; NaN when the task is not
 *     {@link Task#READING_TIMES} and the subject did not compute it
 * @param nextWord the predicted next word after the part, or null when not computed
 * @param tokenCount how many tokens the part has (-1 when the subject has no tokens)
 * @param contextTokens how many tokens the part's first token saw as context (-1 when unknown)
 */
public record PartResult(String part, double readingTime, String nextWord, int tokenCount, int contextTokens) {
    public PartResult {
        Objects.requireNonNull(part, "part");
        if (tokenCount < -1 || contextTokens < -1) {
            throw new IllegalArgumentException("token counts must be >= -1, got " + tokenCount + ", " + contextTokens);
        }
    }

    /** A reading-time result for a subject without tokens. */
    public static PartResult readingTime(String part, double bits) {
        return new PartResult(part, bits, null, -1, -1);
    }
}
