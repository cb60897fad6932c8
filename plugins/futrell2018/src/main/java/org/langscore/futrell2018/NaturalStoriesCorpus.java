package org.langscore.futrell2018;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The 10,256 words of the ten Natural Stories with their mean reading times, in stimulus order.
 *
 * @param words the words, story 1..10 and zone ascending
 */
public record NaturalStoriesCorpus(List<StoryWord> words) {
    public NaturalStoriesCorpus {
        words = List.copyOf(words);
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).stimulusId() != i + 1) {
                throw new IllegalArgumentException("word " + i + " has stimulus id " + words.get(i).stimulusId());
            }
        }
    }

    /** @return the words of each story, by story number, in order */
    public Map<Integer, List<StoryWord>> byStory() {
        return words.stream().collect(Collectors.groupingBy(StoryWord::story, TreeMap::new, Collectors.toList()));
    }

    /** @return how many sentences Brain-Score's segmentation finds */
    public int sentenceCount() {
        return words.isEmpty() ? 0 : words.get(words.size() - 1).sentenceId();
    }

    /** @return how many words are not sentence-initial, and so enter the correlation */
    public long scoredWordCount() {
        return words.stream().filter(w -> !w.sentenceInitial()).count();
    }
}
