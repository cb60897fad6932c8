package org.langscore.futrell2018;

import java.util.Objects;

/**
 * One word of the Natural Stories corpus as shown in the self-paced-reading experiment, with its
 * place in Brain-Score's sentence segmentation and the human reading time.
 *
 * @param stimulusId 1-based position over all stories, in {@code all_stories.tok} order
 * @param story the story number, 1-10
 * @param zone the 1-based position within the story
 * @param word the word with its attached punctuation
 * @param sentenceId the 1-based sentence over all stories (Brain-Score's rule)
 * @param wordWithinSentence the 1-based position within the sentence; 1 means sentence-initial
 * @param readers how many subjects' reading times the mean is over ({@code nItem})
 * @param meanReadingTime the mean self-paced reading time over subjects, in milliseconds
 */
public record StoryWord(int stimulusId, int story, int zone, String word, int sentenceId, int wordWithinSentence,
                        int readers, double meanReadingTime) {
    public StoryWord {
        Objects.requireNonNull(word, "word");
        if (stimulusId < 1 || story < 1 || zone < 1 || sentenceId < 1 || wordWithinSentence < 1 || readers < 0) {
            throw new IllegalArgumentException("positions must be >= 1 and readers >= 0: " + stimulusId + ", " + story
                    + ", " + zone + ", " + sentenceId + ", " + wordWithinSentence + ", " + readers);
        }
        if (!Double.isFinite(meanReadingTime)) {
            throw new IllegalArgumentException("mean reading time of story " + story + " zone " + zone
                    + " must be finite, got " + meanReadingTime);
        }
    }

    /** @return true for the first word of a sentence, which Brain-Score leaves out of the correlation */
    public boolean sentenceInitial() {
        return wordWithinSentence == 1;
    }
}
