package org.langscore.futrell2018;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.langscore.runtime.DataFile;
import org.langscore.runtime.DatasetCache;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Builds the {@link NaturalStoriesCorpus} from {@code all_stories.tok} (the words, in stimulus order)
 * and the 2016 {@code processed_wordinfo.tsv} (mean reading times, joined on story and zone), the
 * same target Brain-Score's {@code Futrell2018} assembly averages to.
 */
public final class NaturalStoriesLoader {
    private final DatasetCache cache;
    private final DataFile wordsFile;
    private final DataFile infoFile;

    /** @param cache where the files are found, verified and (when needed) downloaded */
    public NaturalStoriesLoader(DatasetCache cache) {
        this(cache, NaturalStoriesFiles.STORY_WORDS, NaturalStoriesFiles.WORD_INFO_2016);
    }

    /** For tests: the same files from another source (a loopback server). */
    NaturalStoriesLoader(DatasetCache cache, DataFile wordsFile, DataFile infoFile) {
        this.cache = cache;
        this.wordsFile = wordsFile;
        this.infoFile = infoFile;
    }

    /**
     * @return the corpus
     * @throws ScoringException when a file is missing, altered or malformed
     */
    public NaturalStoriesCorpus load() {
        return build(cache.resolve(wordsFile), cache.resolve(infoFile));
    }

    /** Builds the corpus from the two files, already verified. */
    static NaturalStoriesCorpus build(Path wordsFile, Path infoFile) {
        List<String[]> tokens = readTable(wordsFile, List.of("word", "zone", "item"));
        Map<String, String[]> info = new HashMap<>();
        List<String> infoHeader = List.of("word", "zone", "item", "nItem", "meanItemRT");
        for (String[] row : readTable(infoFile, infoHeader)) {
            info.put(row[2] + ":" + row[1], row);
        }
        List<String> words = tokens.stream().map(row -> row[0]).toList();
        int[][] sentences = BrainScoreSentenceSplitter.split(words);
        List<StoryWord> corpus = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String[] token = tokens.get(i);
            int story = parseInt(token[2], wordsFile, i, "item");
            int zone = parseInt(token[1], wordsFile, i, "zone");
            String[] stats = info.get(story + ":" + zone);
            if (stats == null) {
                throw new ScoringException(ErrorCode.INVALID_DATA, infoFile + " has no row for story " + story + " zone "
                        + zone + " ('" + token[0] + "' in " + wordsFile.getFileName() + ")");
            }
            if (!stats[0].equals(token[0])) {
                throw new ScoringException(ErrorCode.INVALID_DATA, infoFile + " has word '" + stats[0] + "' at story "
                        + story + " zone " + zone + " where " + wordsFile.getFileName() + " has '" + token[0] + "'");
            }
            double mean;
            try {
                mean = Double.parseDouble(stats[4]);
            } catch (NumberFormatException e) {
                throw new ScoringException(ErrorCode.INVALID_DATA, infoFile + ": meanItemRT '" + stats[4]
                        + "' of story " + story + " zone " + zone + " is not a number", e);
            }
            int readers = parseInt(stats[3], infoFile, i, "nItem");
            corpus.add(new StoryWord(i + 1, story, zone, token[0], sentences[i][0], sentences[i][1], readers, mean));
        }
        return new NaturalStoriesCorpus(corpus);
    }

    /** Reads a tab-separated file whose header starts with the expected columns; returns those columns. */
    private static List<String[]> readTable(Path file, List<String> expected) {
        List<String[]> rows = new ArrayList<>();
        TabSeparatedFile.read(file, file.toString(), columns -> {
            if (columns.size() < expected.size() || !columns.subList(0, expected.size()).equals(expected)) {
                throw new ScoringException(ErrorCode.INVALID_DATA, file + " must start with the columns " + expected
                        + ", found " + columns);
            }
            return (cells, lineNumber) -> rows.add(Arrays.copyOf(cells, expected.size()));
        });
        return rows;
    }

    private static int parseInt(String value, Path file, int row, String column) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ScoringException(ErrorCode.INVALID_DATA, file + " data row " + (row + 1) + ": " + column + " '"
                    + value + "' is not an integer", e);
        }
    }
}
