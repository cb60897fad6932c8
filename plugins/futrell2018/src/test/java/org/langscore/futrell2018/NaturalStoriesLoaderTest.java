package org.langscore.futrell2018;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.runtime.DataFile;
import org.langscore.runtime.DatasetCache;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

class NaturalStoriesLoaderTest {
    @TempDir
    Path temporary;

    private static NaturalStoriesCorpus sharedCorpus(Path cache) {
        return new NaturalStoriesLoader(new DatasetCache(cache, Optional.of(SharedData.dataDirectory()))).load();
    }

    @Test
    void hasTheCountsOfIssue5() {
        NaturalStoriesCorpus corpus = sharedCorpus(temporary);
        assertEquals(10_256, corpus.words().size());
        assertEquals(10, corpus.byStory().size());
        assertEquals(481, corpus.sentenceCount());
        assertEquals(9_775, corpus.scoredWordCount());
        assertEquals(1073, corpus.byStory().get(1).size());
        assertEquals(939, corpus.byStory().get(10).size());
    }

    @Test
    void agreesWithTheDerivedBrainScoreTargets() {
        List<StoryWord> words = sharedCorpus(temporary).words();
        List<String[]> derived = SharedData.derivedTargets();
        assertEquals(derived.size(), words.size());
        for (int i = 0; i < words.size(); i++) {
            String[] row = derived.get(i);
            StoryWord word = words.get(i);
            String where = "stimulus " + (i + 1);
            assertEquals(Integer.parseInt(row[0]), word.stimulusId(), where);
            assertEquals(Integer.parseInt(row[1]), word.story(), where);
            assertEquals(Integer.parseInt(row[2]), word.zone(), where);
            assertEquals(row[3], word.word(), where);
            assertEquals(Integer.parseInt(row[4]), word.sentenceId(), where);
            assertEquals(Integer.parseInt(row[5]), word.wordWithinSentence(), where);
            assertEquals(row[6].equals("1"), !word.sentenceInitial(), where);
            assertEquals(Integer.parseInt(row[7]), word.readers(), where);
            // The derived table prints meanRT_2016 as in the source file, so the parsed doubles are identical.
            assertEquals(Double.parseDouble(row[8]), word.meanReadingTime(), 0.0, where);
        }
    }

    @Test
    void readsAVerifiedCopyFromTheCacheWithoutADataDirectory() throws IOException {
        Path cache = temporary.resolve("cache");
        copy(NaturalStoriesFiles.STORY_WORDS, cache);
        copy(NaturalStoriesFiles.WORD_INFO_2016, cache);
        NaturalStoriesCorpus corpus = new NaturalStoriesLoader(new DatasetCache(cache, Optional.empty())).load();
        assertEquals(10_256, corpus.words().size());
    }

    @Test
    void anAlteredFileIsRefusedNamingTheFileAndItsChecksum() throws IOException {
        Path data = temporary.resolve("data");
        copy(NaturalStoriesFiles.STORY_WORDS, data);
        Path info = copy(NaturalStoriesFiles.WORD_INFO_2016, data);
        byte[] bytes = Files.readAllBytes(info);
        bytes[bytes.length / 2] ^= 1;
        Files.write(info, bytes);
        ScoringException error = assertThrows(ScoringException.class, () -> loadFrom(data));
        assertEquals(ErrorCode.DATASET_CHECKSUM_MISMATCH, error.code());
        assertTrue(error.getMessage().contains("processed_wordinfo_2016-05-18.tsv"), error.getMessage());
        assertTrue(error.getMessage().contains(NaturalStoriesFiles.WORD_INFO_2016.sha256()), error.getMessage());
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path data = temporary.resolve("data");
        Path words = copy(NaturalStoriesFiles.STORY_WORDS, data);
        copy(NaturalStoriesFiles.WORD_INFO_2016, data);
        byte[] bytes = Files.readAllBytes(words);
        Files.write(words, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        ScoringException error = assertThrows(ScoringException.class, () -> loadFrom(data));
        assertEquals(ErrorCode.DATASET_CHECKSUM_MISMATCH, error.code());
        assertTrue(error.getMessage().contains("all_stories.tok"), error.getMessage());
        assertTrue(error.getMessage().contains(NaturalStoriesFiles.STORY_WORDS.sha256()), error.getMessage());
    }

    @Test
    void aMissingFileIsNamedWithItsChecksum() throws IOException {
        Path data = temporary.resolve("data");
        copy(NaturalStoriesFiles.STORY_WORDS, data);
        ScoringException error = assertThrows(ScoringException.class, () -> loadFrom(data));
        assertEquals(ErrorCode.FILE_NOT_FOUND, error.code());
        assertTrue(error.getMessage().contains("processed_wordinfo_2016-05-18.tsv"), error.getMessage());
        assertTrue(error.getMessage().contains(NaturalStoriesFiles.WORD_INFO_2016.sha256()), error.getMessage());
    }

    @Test
    void theSourcesArePinnedToCommitsOfTheNaturalStoriesRepository() {
        assertEquals("https://raw.githubusercontent.com/languageMIT/naturalstories/"
                        + "4700daad696e942f5aba23c957a7423d0de66612/naturalstories_RTS/all_stories.tok",
                NaturalStoriesFiles.STORY_WORDS.source().toString());
        assertEquals("https://raw.githubusercontent.com/languageMIT/naturalstories/"
                        + "d5cbe5aa3758d551d0c51ca8fc44bde973f0836f/naturalstories_RTS/processed_wordinfo.tsv",
                NaturalStoriesFiles.WORD_INFO_2016.source().toString());
    }

    @Test
    void theChecksumsAreThoseOfTheSharedSha256Sums() throws IOException {
        List<String> sums = Files.readAllLines(SharedData.dataDirectory().resolve("SHA256SUMS"));
        for (DataFile file : List.of(NaturalStoriesFiles.STORY_WORDS, NaturalStoriesFiles.WORD_INFO_2016)) {
            assertTrue(sums.contains(file.sha256() + "  " + file.relativePath()), file.relativePath());
        }
    }

    private static NaturalStoriesCorpus loadFrom(Path data) {
        return new NaturalStoriesLoader(new DatasetCache(data.resolve("unused-cache"), Optional.of(data))).load();
    }

    private static Path copy(DataFile file, Path root) throws IOException {
        Path target = root.resolve(file.relativePath());
        Files.createDirectories(target.getParent());
        Files.copy(SharedData.dataDirectory().resolve(file.relativePath()), target);
        return target;
    }
}
