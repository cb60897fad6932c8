package org.langscore.futrell2018;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class BrainScoreSentenceSplitterTest {
    @Test
    void endsSentencesAtFinalPunctuationBeforeAnUpperCaseWord() {
        int[][] positions = BrainScoreSentenceSplitter.split(List.of("Mr.", "Smith", "came.", "He", "said:",
                "'Go!'", "Then", "he", "left?", "no.", "'What"));
        // sentence ids: Mr. does not end one; 'came.' does; 'said:' does not; "'Go!'" does ('!' + quote);
        // 'left?' does not, because 'no.' starts lower-case; 'no.' does because "'What" does not.
        int[] sentenceIds = new int[positions.length];
        int[] within = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            sentenceIds[i] = positions[i][0];
            within[i] = positions[i][1];
        }
        assertArrayEquals(new int[] {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4}, sentenceIds);
        assertArrayEquals(new int[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 4, 1}, within);
    }

    @Test
    void everyListedEndingCounts() {
        for (String word : List.of("a.", "a?", "a!", "a.'", "a?'", "a!'", "a;'")) {
            assertTrue(BrainScoreSentenceSplitter.endsSentence(word, "The"), word);
        }
        for (String word : List.of("a;", "a,", "a:", "a,'", "Mr.")) {
            assertFalse(BrainScoreSentenceSplitter.endsSentence(word, "The"), word);
        }
        assertFalse(BrainScoreSentenceSplitter.endsSentence("a.", "the"));
    }
}
