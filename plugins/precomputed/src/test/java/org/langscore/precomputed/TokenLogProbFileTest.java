package org.langscore.precomputed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.ScoringException;

class TokenLogProbFileTest {
    private static final double LN2 = Math.log(2);

    @TempDir
    Path temporary;

    private PrecomputedFile file(String content, int maxMismatched) throws IOException {
        Path path = temporary.resolve("probs.csv");
        Files.writeString(path, "token,logprob,offset,story\n" + content);
        return PrecomputedFile.read(path, maxMismatched);
    }

    private static final String TWO_TEXTS = String.join("\n",
            "The,,0,a", "\" c\",-1.0,3,a", "at,-0.5,5,a", "\" sat\",-2.0,7,a", "\".\",-0.25,11,a",
            "Dogs,,0,b", "\" bark\",-3.0,4,b", "\"!\",-0.1,9,b") + "\n";

    @Test
    void sumsEachWordsTokensInBitsFromNaturalLogs() throws IOException {
        PrecomputedFile file = file(TWO_TEXTS, 0);
        List<PartResult> results = file.answer(List.of("The", "cat", "sat."), new HashMap<>());
        assertTrue(Double.isNaN(results.get(0).readingTime()), "the first token has no context");
        assertEquals(1.5 / LN2, results.get(1).readingTime(), 1e-12);
        assertEquals(2, results.get(1).tokenCount());
        assertEquals(1, results.get(1).contextTokens());
        assertEquals(2.25 / LN2, results.get(2).readingTime(), 1e-12);
        List<PartResult> other = file.answer(List.of("Dogs", "bark!"), new HashMap<>());
        assertEquals(3.1 / LN2, other.get(1).readingTime(), 1e-12);
    }

    @Test
    void punctuationPartsJoinWithoutASpaceAndBlankPartsGetZero() throws IOException {
        PrecomputedFile file = file(TWO_TEXTS, 0);
        List<PartResult> results = file.answer(List.of("Dogs", "", "bark", "!"), new HashMap<>());
        assertEquals(0.0, results.get(1).readingTime(), 0.0);
        assertEquals(0, results.get(1).tokenCount());
        assertEquals(3.0 / LN2, results.get(2).readingTime(), 1e-12);
        assertEquals(0.1 / LN2, results.get(3).readingTime(), 1e-12);
    }

    @Test
    void aTokenOfSpacesOnlyBelongsToTheNextWord() throws IOException {
        PrecomputedFile file = file("A,,0,x\n\" \",-1.0,1,x\nB,-2.0,2,x\n", 0);
        List<PartResult> results = file.answer(List.of("A", "B"), new HashMap<>());
        assertEquals(3.0 / LN2, results.get(1).readingTime(), 1e-12);
    }

    @Test
    void base2LogProbabilitiesAreOnlyNegated() throws IOException {
        Path path = temporary.resolve("bits.csv");
        Files.writeString(path, "token,offset,log2prob\nA,0,\n\" B\",1,-3.5\n");
        List<PartResult> results = PrecomputedFile.read(path, 0).answer(List.of("A", "B"), new HashMap<>());
        assertEquals(3.5, results.get(1).readingTime(), 0.0);
    }

    @Test
    void aCallThatIsNoTextOfTheFileNamesTheFirstWordThatDiffers() throws IOException {
        PrecomputedFile file = file(TWO_TEXTS, 0);
        ScoringException error = assertThrows(ScoringException.class,
                () -> file.answer(List.of("The", "cot", "sat."), new HashMap<>()));
        assertEquals(ErrorCode.INVALID_DATA, error.code());
        assertTrue(error.getMessage().contains("word 2 'cot'"), error.getMessage());
        assertTrue(error.getMessage().contains("text 'a'"), error.getMessage());
    }

    @Test
    void aCallSpanningTwoTextsIsRefused() throws IOException {
        PrecomputedFile file = file(TWO_TEXTS, 0);
        ScoringException error = assertThrows(ScoringException.class,
                () -> file.answer(List.of("The", "cat", "sat.", "Dogs", "bark!"), new HashMap<>()));
        assertTrue(error.getMessage().contains("before word 4 'Dogs'"), error.getMessage());
    }

    @Test
    void fewDifferingCharactersAreAcceptedWhenAllowedAndNoted() throws IOException {
        PrecomputedFile file = file(TWO_TEXTS, 1);
        Map<String, String> notes = new HashMap<>();
        List<PartResult> results = file.answer(List.of("The", "cot", "sat."), notes);
        assertEquals(1.5 / LN2, results.get(1).readingTime(), 1e-12);
        assertTrue(notes.get("mismatched-characters.text-a").contains("word 2 'cot'"), notes.toString());
        assertThrows(ScoringException.class, () -> file.answer(List.of("The", "cot", "sit."), new HashMap<>()));
    }

    @Test
    void aMissingLogProbabilityAfterTheFirstTokenNamesItsWord() throws IOException {
        PrecomputedFile file = file("The,,0,a\n\" cat\",,3,a\n", 0);
        ScoringException error = assertThrows(ScoringException.class,
                () -> file.answer(List.of("The", "cat"), new HashMap<>()));
        assertEquals(ErrorCode.INVALID_DATA, error.code());
        assertTrue(error.getMessage().contains("word 2 'cat'"), error.getMessage());
        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
    }

    @Test
    void aWordWhoseCharactersATokenOfAnEarlierWordCoversIsAnError() throws IOException {
        PrecomputedFile file = file("New,,0,a\n\" York\",-1,3,a\n", 0);
        ScoringException error = assertThrows(ScoringException.class,
                () -> file.answer(List.of("New", "", "Yo", "rk"), new HashMap<>()));
        // "New Yo rk" is not the file's "New York", so it is refused before alignment.
        assertTrue(error.getMessage().contains("word 4 'rk'") || error.getMessage().contains("word 3 'Yo'"),
                error.getMessage());
        PrecomputedFile glued = file("New,,0,a\n\" York.\",-1,3,a\n", 0);
        ScoringException unaligned = assertThrows(ScoringException.class,
                () -> glued.answer(List.of("New", "York", "."), new HashMap<>()));
        assertTrue(unaligned.getMessage().contains("word 3 '.' has no token of its own"), unaligned.getMessage());
    }

    @Test
    void tokensMustTileTheirText() throws IOException {
        ScoringException error = assertThrows(ScoringException.class, () -> file("The,,0,a\n\" cat\",-1,4,a\n", 0));
        assertEquals(ErrorCode.INVALID_DATA, error.code());
        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
        assertTrue(error.getMessage().contains("offset 4"), error.getMessage());
    }

    @Test
    void aValueThatIsNoNumberIsNamedByLineAndColumn() throws IOException {
        ScoringException error = assertThrows(ScoringException.class, () -> file("The,,0,a\n\" cat\",x,3,a\n", 0));
        assertTrue(error.getMessage().contains("line 3: logprob 'x'"), error.getMessage());
    }
}
