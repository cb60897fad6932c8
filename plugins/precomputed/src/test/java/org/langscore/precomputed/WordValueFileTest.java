package org.langscore.precomputed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.ScoringException;

class WordValueFileTest {
    @TempDir
    Path temporary;

    private PrecomputedFile file(String name, String content) throws IOException {
        Path path = temporary.resolve(name);
        Files.writeString(path, content);
        return PrecomputedFile.read(path, 0);
    }

    @Test
    void answersTheTextWhoseWordsAreTheParts() throws IOException {
        PrecomputedFile file = file("w.tsv", "text\tword\tsurprisal_bits\n1\tThe\t\n1\tcat\t4.5\n2\tA\t\n2\tdog\t7\n");
        List<PartResult> results = file.answer(List.of("A", " ", "dog"), new HashMap<>());
        assertTrue(Double.isNaN(results.get(0).readingTime()));
        assertEquals(0.0, results.get(1).readingTime(), 0.0);
        assertEquals(7.0, results.get(2).readingTime(), 0.0);
        assertEquals(4.5, file.answer(List.of("The", "cat"), new HashMap<>()).get(1).readingTime(), 0.0);
    }

    @Test
    void naturalLogProbabilitiesAndNatsBecomeBits() throws IOException {
        double ln2 = Math.log(2);
        assertEquals(2.0 / ln2, file("a.csv", "word,logprob\nx,\ny,-2\n")
                .answer(List.of("x", "y"), new HashMap<>()).get(1).readingTime(), 1e-12);
        assertEquals(3.0 / ln2, file("b.tsv", "word\tsurprisal_nats\nx\t\ny\t3\n")
                .answer(List.of("x", "y"), new HashMap<>()).get(1).readingTime(), 1e-12);
        assertEquals(1.25, file("c.tsv", "word\tlogprob_bits\nx\t\ny\t-1.25\n")
                .answer(List.of("x", "y"), new HashMap<>()).get(1).readingTime(), 0.0);
    }

    @Test
    void aWordThatDiffersIsNamed() throws IOException {
        PrecomputedFile file = file("w.tsv", "word\tsurprisal\nThe\t\ncat\t1\nsat\t2\n");
        ScoringException error = assertThrows(ScoringException.class,
                () -> file.answer(List.of("The", "cat", "sits"), new HashMap<>()));
        assertEquals(ErrorCode.INVALID_DATA, error.code());
        assertTrue(error.getMessage().contains("word 3 'sits' differs from the file's word 'sat' (line 4)"),
                error.getMessage());
        ScoringException shorter = assertThrows(ScoringException.class,
                () -> file.answer(List.of("The", "cat"), new HashMap<>()));
        assertTrue(shorter.getMessage().contains("goes on with 'sat'"), shorter.getMessage());
    }

    @Test
    void aMissingValueAfterTheFirstWordIsAnErrorNamingTheWord() throws IOException {
        PrecomputedFile file = file("w.tsv", "word\tsurprisal\nThe\t\ncat\t\n");
        ScoringException error = assertThrows(ScoringException.class,
                () -> file.answer(List.of("The", "cat"), new HashMap<>()));
        assertTrue(error.getMessage().contains("word 2 'cat' has no value"), error.getMessage());
    }

    @Test
    void aTextsWordsMustBeConsecutive() {
        ScoringException error = assertThrows(ScoringException.class,
                () -> file("w.tsv", "story\tword\tsurprisal\n1\ta\t1\n2\tb\t1\n1\tc\t1\n"));
        assertTrue(error.getMessage().contains("line 4"), error.getMessage());
    }

    @Test
    void aFileOfNeitherFormatIsRefusedNamingItsColumns() {
        ScoringException error = assertThrows(ScoringException.class,
                () -> file("w.tsv", "word\tvalue\na\t1\n"));
        assertEquals(ErrorCode.INVALID_DATA, error.code());
        assertTrue(error.getMessage().contains("[word, value]"), error.getMessage());
    }
}
