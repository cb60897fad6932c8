package org.langscore.futrell2018;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.metrics.SplitHalfConsistency;
import org.langscore.spi.Ceiling;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

class PerSubjectReadingTimesTest {
    private static final int WORDS = 40;

    @TempDir
    Path temporary;

    private static NaturalStoriesCorpus smallCorpus() {
        List<StoryWord> words = new ArrayList<>();
        for (int i = 1; i <= WORDS; i++) {
            words.add(new StoryWord(i, 1, i, "w" + i, 1, i, 0, 300));
        }
        return new NaturalStoriesCorpus(words);
    }

    /** Writes a processed_RTs-like file: each subject reads every word; RT = word effect + noise * N(0,1). */
    private Path perSubjectFile(int subjects, double noise) throws IOException {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder("WorkerId\tWorkTimeInSeconds\tcorrect\titem\tzone\tRT\tword\n");
        for (int s = 0; s < subjects; s++) {
            for (int zone = 1; zone <= WORDS; zone++) {
                double rt = 300 + 10 * zone % 70 + noise * random.nextGaussian();
                text.append("S").append(s).append("\t100\t6\t1\t").append(zone).append('\t').append(rt)
                        .append("\tw").append(zone).append('\n');
            }
        }
        Path file = temporary.resolve("processed_RTs.tsv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void subjectsWhoAgreeFullyHaveCeilingOne() throws IOException {
        PerSubjectReadingTimes data = PerSubjectReadingTimes.read(perSubjectFile(12, 0), smallCorpus());
        assertEquals(12, data.subjects().size());
        Ceiling ceiling = data.splitHalfCeiling("test file");
        assertEquals(1.0, ceiling.value(), 1e-12);
        assertTrue(ceiling.source().contains("12 subjects"), ceiling.source());
    }

    @Test
    void noisySubjectsHaveTheMedianSplitHalfConsistency() throws IOException {
        PerSubjectReadingTimes data = PerSubjectReadingTimes.read(perSubjectFile(20, 40), smallCorpus());
        double expected = SplitHalfConsistency.compute(data.readingTimes(), 10, 0).median();
        double value = data.splitHalfCeiling("test file").value();
        assertEquals(expected, value, 0.0);
        assertTrue(value > 0.3 && value < 1.0, "noise lowers the ceiling below 1: " + value);
    }

    @Test
    void missingReadingsAreNaNAndRepeatedOnesAveraged() throws IOException {
        Path file = temporary.resolve("processed_RTs.tsv");
        Files.writeString(file, "WorkerId\titem\tzone\tRT\n" + "A\t1\t1\t300\n" + "A\t1\t1\t400\n" + "B\t1\t2\t500\n");
        PerSubjectReadingTimes data = PerSubjectReadingTimes.read(file, smallCorpus());
        assertEquals(List.of("A", "B"), data.subjects());
        assertEquals(350.0, data.readingTimes()[0][0], 0.0);
        assertTrue(Double.isNaN(data.readingTimes()[0][1]));
        assertEquals(500.0, data.readingTimes()[1][1], 0.0);
    }

    @Test
    void aRowForAnUnknownWordIsAnErrorNamingTheLine() throws IOException {
        Path file = temporary.resolve("processed_RTs.tsv");
        Files.writeString(file, "WorkerId\titem\tzone\tRT\n" + "A\t1\t1\t300\n" + "A\t2\t1\t400\n");
        ScoringException error = assertThrows(ScoringException.class,
                () -> PerSubjectReadingTimes.read(file, smallCorpus()));
        assertEquals(ErrorCode.INVALID_DATA, error.code());
        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
    }

    @Test
    void anAbsentFileMeansThePublishedCeiling() {
        assertEquals(Optional.empty(), PerSubjectReadingTimes.locate(Optional.of(temporary), temporary));
        assertEquals(Futrell2018Benchmark.PUBLISHED_CEILING,
                new Futrell2018Benchmark(StoryGrouping.ALL_STORIES_ONE_CALL, Optional.of(temporary))
                        .ceiling().orElseThrow());
    }

    @Test
    void aFileThatIsNotThePinnedOneIsRefusedNamingItsExpectedBlob() throws IOException {
        Path file = temporary.resolve(NaturalStoriesFiles.PER_SUBJECT_RELATIVE_PATH);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "WorkerId\titem\tzone\tRT\n");
        ScoringException error = assertThrows(ScoringException.class,
                () -> PerSubjectReadingTimes.locate(Optional.of(temporary), temporary.resolve("cache")));
        assertEquals(ErrorCode.DATASET_CHECKSUM_MISMATCH, error.code());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains(NaturalStoriesFiles.PER_SUBJECT_GIT_BLOB), error.getMessage());
    }

    @Test
    void gitBlobIdsAreThoseGitComputes() throws IOException {
        Path file = temporary.resolve("hello.txt");
        Files.writeString(file, "hello\n");
        // `printf 'hello\n' | git hash-object --stdin`
        assertEquals("ce013625030ba8dba906f756967f9e9ca394464a", PerSubjectReadingTimes.gitBlobId(file));
    }
}
