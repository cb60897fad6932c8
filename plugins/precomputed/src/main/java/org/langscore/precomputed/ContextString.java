package org.langscore.precomputed;

import java.util.Arrays;
import java.util.List;

/**
 * The text a language model sees for the parts of one {@code digestText} call, built as the
 * HuggingFace subject builds it: the non-blank parts joined by one space, with no space before a part
 * that starts with {@code . , ! ? ; :}. Blank parts contribute nothing and own no character.
 * Immutable.
 */
public final class ContextString {
    private static final String NO_SPACE_BEFORE = ".,!?;:";

    private final String text;
    private final List<String> parts;
    private final int[] partStart;
    private final int[] characterOwner;

    private ContextString(String text, List<String> parts, int[] partStart) {
        this.text = text;
        this.parts = List.copyOf(parts);
        this.partStart = partStart;
        this.characterOwner = new int[text.length()];
        Arrays.fill(characterOwner, -1);
        for (int i = 0; i < parts.size(); i++) {
            if (partStart[i] >= 0) {
                Arrays.fill(characterOwner, partStart[i], partStart[i] + parts.get(i).length(), i);
            }
        }
    }

    /** Builds the context string of the parts. */
    public static ContextString of(List<String> parts) {
        StringBuilder text = new StringBuilder();
        int[] starts = new int[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.isBlank()) {
                starts[i] = -1;
                continue;
            }
            if (text.length() > 0 && NO_SPACE_BEFORE.indexOf(part.charAt(0)) < 0) {
                text.append(' ');
            }
            starts[i] = text.length();
            text.append(part);
        }
        return new ContextString(text.toString(), parts, starts);
    }

    /** @return the context string */
    public String text() {
        return text;
    }

    /** @return the parts as given */
    public List<String> parts() {
        return parts;
    }

    /** @return where the part starts in {@link #text()}, or -1 for a blank part */
    public int partStart(int part) {
        return partStart[part];
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
        for (int i = partStart.length - 1; i >= 0; i--) {
            if (partStart[i] >= 0) {
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
