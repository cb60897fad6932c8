package org.langscore.futrell2018;

import java.util.List;

/**
 * Brain-Score's sentence segmentation of the Natural Stories words
 * ({@code brainscore_language/data/futrell2018/data_packaging.py}): over the words of all stories
 * concatenated, a word ending in {@code .}, {@code ?}, {@code !}, {@code .'}, {@code ?'}, {@code !'}
 * or {@code ;'} ends its sentence, unless the word is {@code Mr.} or the next word starts with a
 * lower-case letter. The rule runs across story boundaries, as Brain-Score's does.
 */
public final class BrainScoreSentenceSplitter {
    private static final List<String> SENTENCE_ENDINGS = List.of(".", "?", "!", ".'", "?'", "!'", ";'");

    private BrainScoreSentenceSplitter() {
    }

    /**
     * @param words the words in stimulus order
     * @return for each word, {sentence id, position within the sentence}, both 1-based
     */
    public static int[][] split(List<String> words) {
        int[][] positions = new int[words.size()][];
        int sentence = 1;
        int within = 0;
        for (int i = 0; i < words.size(); i++) {
            within++;
            positions[i] = new int[] {sentence, within};
            String next = i + 1 < words.size() ? words.get(i + 1) : null;
            if (endsSentence(words.get(i), next)) {
                sentence++;
                within = 0;
            }
        }
        return positions;
    }

    static boolean endsSentence(String word, String next) {
        if (word.equals("Mr.") || SENTENCE_ENDINGS.stream().noneMatch(word::endsWith)) {
            return false;
        }
        return next == null || next.isEmpty() || !Character.isLowerCase(next.charAt(0));
    }
}
