package org.langscore.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.huggingface.memory.AvailableMemory;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;

/** The factory runs the memory pre-flight before the model's weights are read, with what memory it is told. */
class MemoryPreflightWiringTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path home;

    private PluginContext context(Map<String, String> config) {
        return new PluginContext(config, home.resolve("cache"), home);
    }

    @Test
    void aRunThatDoesNotFitIsRefusedBeforeScoringWithOneLine() {
        // 500 MiB of memory left, less than the runtime itself: the model's working memory does not fit.
        HuggingFaceSubjectFactory factory = new HuggingFaceSubjectFactory(Map.of(),
                () -> new AvailableMemory(500L << 20, Long.MAX_VALUE, 4 * GIB));
        long started = System.nanoTime();
        ScoringException e = assertThrows(ScoringException.class, () -> factory.create(
                SharedFixtures.fixture("gpt2-0").toString(), Map.of(), context(Map.of())));
        assertEquals(ErrorCode.INSUFFICIENT_MEMORY, e.code());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("gpt2-0 needs about") && e.getMessage().contains("0.5 GiB is available"),
                e.getMessage());
        assertTrue(System.nanoTime() - started < 60_000_000_000L);
    }

    @Test
    void theMemoryLimitKeyCapsWhatTheRunMayUse() {
        HuggingFaceSubjectFactory factory = new HuggingFaceSubjectFactory(Map.of(),
                () -> new AvailableMemory(20 * GIB, Long.MAX_VALUE, 4 * GIB));
        String model = SharedFixtures.fixture("gpt2-0").toString();
        ScoringException e = assertThrows(ScoringException.class,
                () -> factory.create(model, Map.of(), context(Map.of("memory.limit", "300m"))));
        assertEquals(ErrorCode.INSUFFICIENT_MEMORY, e.code());
        ScoringException bad = assertThrows(ScoringException.class,
                () -> factory.create(model, Map.of(), context(Map.of("memory.limit", "lots"))));
        assertEquals(ErrorCode.INVALID_ARGUMENT, bad.code());
        assertTrue(bad.getMessage().contains("plugins.huggingface.memory.limit is 'lots'"), bad.getMessage());
    }

    @Test
    void aRunThatFitsScoresAndLeavesTheGenericHeapCheckOut() {
        HuggingFaceSubjectFactory factory = new HuggingFaceSubjectFactory(Map.of(),
                () -> new AvailableMemory(20 * GIB, Long.MAX_VALUE, 4 * GIB));
        try (Subject subject = factory.create(SharedFixtures.fixture("gpt2-0").toString(), Map.of(),
                context(Map.of()))) {
            assertTrue(subject.estimatedMemoryBytes().isEmpty());
            assertEquals(2, subject.digestText(List.of("The", "fox")).size());
        }
    }
}
