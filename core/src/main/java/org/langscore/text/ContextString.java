package org.langscore.text;

import java.util.Arrays;
import java.util.List;

/**
 * The string a language model sees for the parts of one {@code digestText} call, built the way
 * Brain-Score Language's {@code prepare_context} does: blank parts are dropped, the others are joined
 * with one space, and no space is put before a part that starts with one of {@code . , ! ? ; :} (so
 * that a SyntaxGym region {@code ","} attaches to the word before it). Every subject builds its
 * context with this class: the comparability of every score depends on this one rule. Immutable.
 */
public final class ContextString {
    private static final String NO_SPACE_BEFORE = ".,!?;:";

    private final String text;
    private final List<String> parts;
    private final int[] partStarts;
    private final int[] partEnds;
    private final int[] characterOwner;

    private ContextString(String text, List<String> parts, int[] partStarts, int[] partEnds) {
        this.text = text;
        this.parts = List.copyOf(parts);
        this.partStarts = partStarts;
        this.partEnds = partEnds;
        this.characterOwner = new int[text.length()];
        Arrays.fill(characterOwner, -1);
        for (int i = 0; i < partStarts.length; i++) {
            if (partStarts[i] >= 0) {
                Arrays.fill(characterOwner, partStarts[i], partEnds[i], i);
            }
        }
    }

    /**
     * Joins the parts of one text.
     *
     * @param parts the parts, in order; none may be null
     * @return the context string with each part's position
     * @throws IllegalArgumentException naming the part that is null
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
        return new ContextString(text.toString(), parts, starts, ends);
    }

    /** @return the joined string */
    public String text() {
        return text;
    }

    /** @return the parts as given */
    public List<String> parts() {
        return parts;
    }

    /** @return the number of input parts, dropped ones included */
    public int partCount() {
        return partStarts.length;
    }

    /** @return true when the part was blank and is not in the text */
    public boolean isDropped(int part) {
        return partStarts[part] < 0;
    }

    /** @return the {@code char} index where the part starts in {@link #text()}, or -1 for a dropped part */
    public int partStart(int part) {
        return partStarts[part];
    }

    /** @return the {@code char} index where the part ends (exclusive), or -1 for a dropped part */
    public int partEnd(int part) {
        return partEnds[part];
    }

    /** @return the part that holds the character at {@code index}, or -1 when it is a joining space */
    public int partAt(int index) {
        return characterOwner[index];
    }

    /** @return the part that holds the character at {@code index}, else the next part after it (for messages) */
    public int partAtOrAfter(int index) {
        for (int i = Math.max(0, index); i < characterOwner.length; i++) {
            if (characterOwner[i] >= 0) {
                return characterOwner[i];
            }
        }
        return lastNonBlankPart();
    }

    /** @return the index of the last non-blank part, or -1 when all are blank */
    public int lastNonBlankPart() {
        for (int i = partStarts.length - 1; i >= 0; i--) {
            if (partStarts[i] >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** @return "word 3 'owners.'" for messages (1-based) */
    public String describePart(int part) {
        return part < 0 ? "the end of the text" : "word " + (part + 1) + " '" + parts.get(part) + "'";
    }
}
