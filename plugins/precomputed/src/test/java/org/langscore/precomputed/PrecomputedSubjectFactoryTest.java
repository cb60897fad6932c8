package org.langscore.precomputed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

class PrecomputedSubjectFactoryTest {
    @TempDir
    Path temporary;

    private Path file;
    private final PrecomputedSubjectFactory factory = new PrecomputedSubjectFactory();

    @BeforeEach
    void writeFile() throws IOException {
        file = temporary.resolve("probs.csv");
        Files.writeString(file, "token,logprob,offset\nThe,,0\n\" cat\",-1,3\n");
    }

    private PluginContext context(Map<String, String> config) {
        return new PluginContext(config, temporary, temporary);
    }

    private double catBits(Map<String, String> options, Map<String, String> config, String word) {
        try (Subject subject = factory.create(file.toString(), options, context(config))) {
            subject.startBehavioralTask(Task.READING_TIMES);
            return subject.digestText(List.of("The", word)).get(1).readingTime();
        }
    }

    @Test
    void byDefaultTheTextMustMatchExactly() {
        assertEquals(1 / Math.log(2), catBits(Map.of(), Map.of(), "cat"), 1e-12);
        ScoringException error = assertThrows(ScoringException.class, () -> catBits(Map.of(), Map.of(), "cot"));
        assertTrue(error.getMessage().contains("word 2 'cot'"), error.getMessage());
        assertTrue(error.getMessage().contains("max-mismatched-characters"), error.getMessage());
    }

    @Test
    void theConfigurationKeyAllowsDifferingCharacters() {
        assertEquals(1 / Math.log(2), catBits(Map.of(), Map.of("max-mismatched-characters", "1"), "cot"), 1e-12);
    }

    @Test
    void theRunOptionWinsOverTheConfiguration() {
        assertEquals(1 / Math.log(2), catBits(Map.of("max-mismatched-characters", "1"),
                Map.of("max-mismatched-characters", "0"), "cot"), 1e-12);
        assertThrows(ScoringException.class, () -> catBits(Map.of("max-mismatched-characters", "0"),
                Map.of("max-mismatched-characters", "1"), "cot"));
    }

    @Test
    void badValuesAndUnknownKeysAreRefused() {
        for (String bad : List.of("-1", "one")) {
            ScoringException error = assertThrows(ScoringException.class,
                    () -> factory.create(file.toString(), Map.of("max-mismatched-characters", bad), context(Map.of())));
            assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
            assertTrue(error.getMessage().contains(bad), error.getMessage());
        }
        ScoringException unknown = assertThrows(ScoringException.class,
                () -> factory.create(file.toString(), Map.of(), context(Map.of("tolerance", "1"))));
        assertEquals(ErrorCode.INVALID_ARGUMENT, unknown.code());
    }

    @Test
    void aMissingFileIsNamed() {
        Path absent = temporary.resolve("absent.tsv");
        ScoringException error = assertThrows(ScoringException.class,
                () -> factory.create(absent.toString(), Map.of(), context(Map.of())));
        assertEquals(ErrorCode.FILE_NOT_FOUND, error.code());
        assertTrue(error.getMessage().contains("absent.tsv"), error.getMessage());
    }
}
