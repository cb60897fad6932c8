package org.langscore.huggingface.tokenizer;

import java.util.Objects;

/**
 * The tokens of one string with their spans in Java {@code char} indices of that string.
 *
 * @param text the string that was tokenized
 * @param ids the token ids, {@code [n]}
 * @param starts the first {@code char} index of each token's span (inclusive)
 * @param ends the end {@code char} index of each token's span (exclusive); equal to {@code starts} for a
 *     token that covers no text (a special token)
 * @param special true for the special tokens the tokenizer's post-processor added (BOS, EOS)
 */
public record TokenizedText(String text, int[] ids, int[] starts, int[] ends, boolean[] special) {
    public TokenizedText {
        Objects.requireNonNull(text, "text");
        if (starts.length != ids.length || ends.length != ids.length || special.length != ids.length) {
            throw new IllegalArgumentException("ids, starts, ends and special must have equal lengths: " + ids.length
                    + ", " + starts.length + ", " + ends.length + ", " + special.length);
        }
        for (int i = 0; i < ids.length; i++) {
            if (starts[i] < 0 || ends[i] < starts[i] || ends[i] > text.length()) {
                throw new IllegalArgumentException("token " + i + " has span [" + starts[i] + ", " + ends[i]
                        + ") outside a text of " + text.length() + " chars");
            }
        }
    }

    /** @return the number of tokens */
    public int size() {
        return ids.length;
    }
}
