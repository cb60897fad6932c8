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
import org.langscore.spi.PartResult;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

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

    /**
     * weights=auto packs the float32 matrices when the run with the packed copies stays within three
     * quarters of the memory available, else reads the stored weights; the choice is in the settings, an
     * explicit choice is obeyed, and a bad value or one that bfloat16 cannot take is refused by name.
     */
    @Test
    void weightsArePackedWhenTheyFitWithRoomToSpareAndStoredOtherwise() {
        String model = SharedFixtures.fixture("gpt2-0").toString();
        HuggingFaceSubjectFactory roomy = new HuggingFaceSubjectFactory(Map.of(),
                () -> new AvailableMemory(20 * GIB, Long.MAX_VALUE, 4 * GIB));
        // about 0.5 GiB of working memory (the runtime's): it fits 600 MiB, but not three quarters of it
        HuggingFaceSubjectFactory tight = new HuggingFaceSubjectFactory(Map.of(),
                () -> new AvailableMemory(600L << 20, Long.MAX_VALUE, 4 * GIB));
        List<String> words = List.of("The", "fox", "ran");
        List<PartResult> packed;
        try (Subject subject = roomy.create(model, Map.of(), context(Map.of()))) {
            assertEquals("packed", subject.settings().get("weights"));
            subject.startBehavioralTask(Task.READING_TIMES);
            packed = subject.digestText(words);
        }
        try (Subject subject = tight.create(model, Map.of(), context(Map.of()))) {
            assertEquals("stored", subject.settings().get("weights"));
            subject.startBehavioralTask(Task.READING_TIMES);
            List<PartResult> stored = subject.digestText(words);
            for (int i = 1; i < words.size(); i++) {
                assertEquals(stored.get(i).readingTime(), packed.get(i).readingTime(), 1e-5,
                        "surprisal of word " + i + " (bits)");
            }
        }
        try (Subject subject = tight.create(model, Map.of("weights", "packed"), context(Map.of()))) {
            assertEquals("packed", subject.settings().get("weights"));
        }
        try (Subject subject = roomy.create(model, Map.of("weights", "stored"), context(Map.of()))) {
            assertEquals("stored", subject.settings().get("weights"));
        }
        try (Subject subject = roomy.create(model, Map.of("dtype", "bfloat16"), context(Map.of()))) {
            assertEquals("bfloat16", subject.settings().get("weights"));
            // attention's precision is part of a bfloat16 score's identity: it follows the CPU
            assertTrue(List.of("bfloat16", "float32").contains(subject.settings().get("attention")),
                    String.valueOf(subject.settings()));
        }
        try (Subject subject = roomy.create(model, Map.of(), context(Map.of()))) {
            assertEquals(null, subject.settings().get("attention"), "a float32 run's attention is float32 alone");
        }
        ScoringException bad = assertThrows(ScoringException.class,
                () -> roomy.create(model, Map.of("weights", "compressed"), context(Map.of())));
        assertEquals(ErrorCode.INVALID_ARGUMENT, bad.code());
        assertTrue(bad.getMessage().contains("'weights' must be auto, packed or stored, got 'compressed'"),
                bad.getMessage());
        ScoringException mixed = assertThrows(ScoringException.class,
                () -> roomy.create(model, Map.of("weights", "stored", "dtype", "bfloat16"), context(Map.of())));
        assertEquals(ErrorCode.INVALID_ARGUMENT, mixed.code());
        assertTrue(mixed.getMessage().contains("float32 products only"), mixed.getMessage());
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
