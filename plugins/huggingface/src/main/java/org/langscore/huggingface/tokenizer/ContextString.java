package org.langscore.huggingface.tokenizer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The string a subject tokenizes for one text, built from its parts the way Brain-Score Language's
 * {@code prepare_context} does: blank parts are dropped, the others are joined with one space, and no
 * space is put before a part that starts with one of {@code . , ! ? ; :} (so that a SyntaxGym region
 * {@code ","} attaches to the word before it).
 *
 * @param text the joined string
 * @param partStarts for each input part, the {@code char} index where it starts in {@code text}; -1 for a
 *     dropped (blank) part
 * @param partEnds for each input part, the {@code char} index where it ends (exclusive); -1 for a dropped part
 */
public record ContextString(String text, int[] partStarts, int[] partEnds) {
    private static final String NO_SPACE_BEFORE = ".,!?;:";

    public ContextString {
        Objects.requireNonNull(text, "text");
        if (partStarts.length != partEnds.length) {
            throw new IllegalArgumentException("partStarts and partEnds differ in length: " + partStarts.length
                    + " vs " + partEnds.length);
        }
        partStarts = partStarts.clone();
        partEnds = partEnds.clone();
    }

    /**
     * Joins the parts of one text.
     *
     * @param parts the parts, in order; none may be null
     * @return the context string with each part's position
     */
    public static ContextString of(List<String> parts) {
        StringBuilder text = new StringBuilder();
        int[] starts = new int[parts.size()];
        int[] ends = new int[parts.size()];
        Arrays.fill(starts, -1);
        Arrays.fill(ends, -1);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part == null) {
                throw new IllegalArgumentException("part " + i + " of the text is null");
            }
            if (part.isBlank()) {
                continue;
            }
            if (text.length() > 0 && NO_SPACE_BEFORE.indexOf(part.charAt(0)) < 0) {
                text.append(' ');
            }
            starts[i] = text.length();
            text.append(part);
            ends[i] = text.length();
        }
        return new ContextString(text.toString(), starts, ends);
    }

    /** @return the number of input parts, dropped ones included */
    public int partCount() {
        return partStarts.length;
    }

    /** @return true when the part was blank and is not in the text */
    public boolean isDropped(int part) {
        return partStarts[part] < 0;
    }
}
