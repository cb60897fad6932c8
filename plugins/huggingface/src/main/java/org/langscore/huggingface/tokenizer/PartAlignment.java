package org.langscore.huggingface.tokenizer;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;
import org.langscore.text.ContextString;

/**
 * Which tokens of a tokenized context belong to which part. A token belongs to the part that holds its
 * first non-space character (GPT-2's {@code Ġword} tokens include the space before the word); a token of
 * spaces only belongs to the part that holds its last character, or to the next part when that character
 * is the space between two parts. The tokens the post-processor puts before the text (BOS) form a prefix
 * that belongs to no part; the ones it puts after the text (EOS) are dropped, since nothing is predicted
 * from them. A text without any text token has no tokens at all (its BOS is dropped too).
 *
 * @param prefixTokens how many special tokens come before the first text token (1 for a BOS, else 0)
 * @param partTokenCounts for each input part, how many tokens it has (0 for a dropped part)
 * @param tokenCount prefix tokens plus the tokens of all parts: the length of the sequence to score
 */
public record PartAlignment(int prefixTokens, int[] partTokenCounts, int tokenCount) {
    public PartAlignment {
        if (prefixTokens < 0) {
            throw new IllegalArgumentException("prefixTokens must be >= 0, got " + prefixTokens);
        }
        partTokenCounts = partTokenCounts.clone();
        int sum = prefixTokens;
        for (int count : partTokenCounts) {
            if (count < 0) {
                throw new IllegalArgumentException("part token counts must be >= 0");
            }
            sum += count;
        }
        if (sum != tokenCount) {
            throw new IllegalArgumentException("prefix and part token counts sum to " + sum + ", not " + tokenCount);
        }
    }

    /**
     * Aligns the tokens of a context string to its parts.
     *
     * @param context the context string
     * @param tokens the tokens of {@code context.text()}
     * @return the alignment
     */
    public static PartAlignment of(ContextString context, TokenizedText tokens) {
        if (!context.text().equals(tokens.text())) {
            throw new IllegalArgumentException("the tokens are not those of the context string");
        }
        int n = tokens.size();
        int end = n;
        while (end > 0 && isAddedSpecial(tokens, end - 1)) {
            end--;
        }
        int first = 0;
        while (first < end && isAddedSpecial(tokens, first)) {
            first++;
        }
        int[] counts = new int[context.partCount()];
        int kept = 0;
        for (int i = 0; i < context.partCount(); i++) {
            kept += context.isDropped(i) ? 0 : 1;
        }
        int[] keptParts = new int[kept];
        int[] keptEnds = new int[kept];
        for (int i = 0, k = 0; i < context.partCount(); i++) {
            if (!context.isDropped(i)) {
                keptParts[k] = i;
                keptEnds[k++] = context.partEnd(i);
            }
        }
        if (kept == 0 && end > first) {
            throw new IllegalArgumentException("the context has tokens but no parts");
        }
        int previousPart = -1;
        for (int t = first; t < end; t++) {
            int part = partOf(keptParts, keptEnds, ownerChar(tokens, t));
            if (part < previousPart) {
                throw new ScoringException(ErrorCode.INTERNAL, "token " + t + " (id " + tokens.ids()[t]
                        + ") of the context '" + context.text() + "' lies before the token that precedes it");
            }
            counts[part]++;
            previousPart = part;
        }
        return new PartAlignment(first, counts, end);
    }

    /** @return the index of the first token of each part in the scored sequence (where the part would start when it has none) */
    public int[] firstTokenIndices() {
        int[] firsts = new int[partTokenCounts.length];
        int next = prefixTokens;
        for (int i = 0; i < partTokenCounts.length; i++) {
            firsts[i] = next;
            next += partTokenCounts[i];
        }
        return firsts;
    }

    /** A special token that covers no text was put there by the post-processor (BOS, EOS). */
    private static boolean isAddedSpecial(TokenizedText tokens, int t) {
        return tokens.special()[t] && tokens.starts()[t] == tokens.ends()[t];
    }

    private static int ownerChar(TokenizedText tokens, int t) {
        String text = tokens.text();
        int start = tokens.starts()[t];
        int end = tokens.ends()[t];
        for (int c = start; c < end; c++) {
            if (!Character.isWhitespace(text.charAt(c))) {
                return c;
            }
        }
        return end > start ? end - 1 : Math.min(start, Math.max(0, text.length() - 1));
    }

    /** The part that owns a character: the first kept part that ends after it (the last part when none does). */
    private static int partOf(int[] keptParts, int[] keptEnds, int charIndex) {
        int low = 0;
        int high = keptEnds.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (keptEnds[mid] > charIndex) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return keptParts[low];
    }
}
