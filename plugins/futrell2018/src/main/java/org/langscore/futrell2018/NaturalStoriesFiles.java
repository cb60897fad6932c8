package org.langscore.futrell2018;

import java.net.URI;

import org.langscore.runtime.DataFile;

/**
 * The Natural Stories files the benchmark reads, pinned to commits of {@code languageMIT/naturalstories}
 * (licence CC BY-NC-SA 4.0) and to their SHA-256. The relative paths are those of the langscore data
 * layout, so that {@code --data-dir} can point at a folder holding {@code naturalstories/...}.
 */
public final class NaturalStoriesFiles {
    /** The repository the files come from. */
    public static final String REPOSITORY = "https://github.com/languageMIT/naturalstories";

    /** The commit the word list is taken from (2025-05-13, "update alignment"; the file is unchanged since 2016). */
    public static final String WORDS_COMMIT = "4700daad696e942f5aba23c957a7423d0de66612";

    /** The commit of the 2016-05-18 release of the per-word statistics, which Brain-Score's targets match. */
    public static final String WORDINFO_2016_COMMIT = "d5cbe5aa3758d551d0c51ca8fc44bde973f0836f";

    /** The words as shown to subjects: {@code word, zone, item}, one row per word, story 1..10 in order. */
    public static final DataFile STORY_WORDS = new DataFile("naturalstories/all_stories.tok",
            raw(WORDS_COMMIT, "naturalstories_RTS/all_stories.tok"),
            "0e4e9bd4708aaa01d8bea342696bb83cedff679c09184545483f6f3f4ba8aca3");

    /** Per-word reading-time statistics of the 2016-05-18 release ({@code meanItemRT} in ms). */
    public static final DataFile WORD_INFO_2016 = new DataFile("naturalstories/processed_wordinfo_2016-05-18.tsv",
            raw(WORDINFO_2016_COMMIT, "naturalstories_RTS/processed_wordinfo.tsv"),
            "2feb6bf378d6e77d16626f5cb8bdc6f7deda9672ef2c927f2c79fe00c1106195");

    /**
     * Where the optional per-subject reading times are looked for, below the data directory or the cache;
     * never downloaded automatically (about 96 MB).
     */
    public static final String PER_SUBJECT_RELATIVE_PATH = "naturalstories/processed_RTs.tsv";

    /** The git blob id of {@code naturalstories_RTS/processed_RTs.tsv} at {@link #WORDS_COMMIT}. */
    public static final String PER_SUBJECT_GIT_BLOB = "1424db97ff998e86090ad3d05e680043b96fff9b";

    private NaturalStoriesFiles() {
    }

    private static URI raw(String commit, String path) {
        return URI.create("https://raw.githubusercontent.com/languageMIT/naturalstories/" + commit + "/" + path);
    }
}
