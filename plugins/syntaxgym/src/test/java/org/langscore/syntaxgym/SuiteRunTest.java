package org.langscore.syntaxgym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.runtime.DirectoryCheckpointStore;
import org.langscore.spi.CheckpointStore;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.PartResult;
import org.langscore.spi.ProgressListener;
import org.langscore.spi.Score;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;
import org.langscore.syntaxgym.suite.SuiteCatalog;
import org.langscore.testing.FixedOutputSubject;

/** Progress reports, cancellation, resuming from checkpoints and a misbehaving subject. */
class SuiteRunTest {
    private static final SyntaxGymConfig SHARED = new SyntaxGymConfig(Optional.of(SharedData.dataDirectory()),
            SuiteCatalog.DEFAULT_SOURCE);

    private record Report(String stage, long done, long total, String unit) {
    }

    private static EvaluationContext context(Path cache, ProgressListener progress, java.util.function.BooleanSupplier cancelled,
                                             CheckpointStore checkpoints) {
        return new EvaluationContext(progress, cancelled, cache, checkpoints, Runtime.getRuntime().maxMemory(), Map.of());
    }

    @Test
    void reportsProgressInItems(@TempDir Path cache) {
        List<Report> reports = new ArrayList<>();
        ProgressListener listener = (stage, done, total, unit) -> reports.add(new Report(stage, done, total, unit));
        new SyntaxGym2020Benchmark(SHARED).evaluate(new FixedOutputSubject("length", String::length),
                context(cache, listener, () -> false, CheckpointStore.NONE));
        assertEquals(799 + 31, reports.size(), "one report per item and one as each suite starts");
        assertTrue(reports.stream().allMatch(r -> r.total() == 799 && r.unit().equals("items")));
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i).done() >= reports.get(i - 1).done(), "monotonic");
        }
        assertEquals(799, reports.get(reports.size() - 1).done());
        assertEquals("syntaxgym-2020 (center_embed)", reports.get(0).stage());
        assertEquals("syntaxgym-2020 (subordination_src-src)", reports.get(reports.size() - 1).stage());
    }

    @Test
    void stopsWhenCancelled(@TempDir Path cache) {
        AtomicInteger checks = new AtomicInteger();
        FixedOutputSubject subject = new FixedOutputSubject("length", String::length);
        ScoringException e = assertThrows(ScoringException.class, () -> new SuiteBenchmark(
                SuiteCatalog.named("cleft").orElseThrow(), SHARED).evaluate(subject,
                context(cache, ProgressListener.NONE, () -> checks.incrementAndGet() > 33, CheckpointStore.NONE)));
        assertEquals(ErrorCode.CANCELLED, e.code());
        // cleft's items have four conditions: the first call holds 32 items (128 texts, 32 checks); the
        // second check while gathering the next call stops the run before the subject sees it
        assertEquals(32 * 4, subject.calls().size(), "32 items of four conditions, then it stopped");
    }

    @Test
    void resumesAfterTheLastFinishedSuiteAndCleansUp(@TempDir Path cache, @TempDir Path checkpointDirectory)
            throws IOException {
        CheckpointStore checkpoints = new DirectoryCheckpointStore(checkpointDirectory);
        // Cancel once the second suite (center_embed_mod, 28 items) has started: center_embed (56 sentences) is done.
        AtomicInteger checks = new AtomicInteger();
        FixedOutputSubject first = new FixedOutputSubject("length", String::length);
        ScoringException e = assertThrows(ScoringException.class, () -> new SyntaxGym2020Benchmark(SHARED).evaluate(first,
                context(cache, ProgressListener.NONE, () -> checks.incrementAndGet() > 28 + 5, checkpoints)));
        assertEquals(ErrorCode.CANCELLED, e.code());
        // center_embed went to the subject in one call; center_embed_mod was cancelled while it was gathered
        assertEquals(56, first.calls().size());
        assertEquals(1, countCheckpoints(checkpointDirectory), "center_embed was saved");

        FixedOutputSubject second = new FixedOutputSubject("length", String::length);
        Score resumed = new SyntaxGym2020Benchmark(SHARED).evaluate(second,
                context(cache, ProgressListener.NONE, () -> false, checkpoints));
        assertEquals(3132 - 56, second.calls().size(), "center_embed came from the checkpoint");
        assertEquals(0, countCheckpoints(checkpointDirectory), "checkpoints are deleted once the benchmark is done");

        Score fresh = new SyntaxGym2020Benchmark(SHARED).evaluate(new FixedOutputSubject("length", String::length),
                context(cache, ProgressListener.NONE, () -> false, CheckpointStore.NONE));
        assertEquals(fresh.value(), resumed.value(), 0.0);
        assertEquals(fresh.items(), resumed.items(), "the resumed tables equal a fresh run's");
    }

    @Test
    void aCheckpointOfAnotherSubjectIsNotUsed(@TempDir Path cache, @TempDir Path checkpointDirectory) throws IOException {
        CheckpointStore checkpoints = new DirectoryCheckpointStore(checkpointDirectory);
        AtomicInteger checks = new AtomicInteger();
        assertThrows(ScoringException.class, () -> new SyntaxGym2020Benchmark(SHARED).evaluate(
                new FixedOutputSubject("length", String::length),
                context(cache, ProgressListener.NONE, () -> checks.incrementAndGet() > 30, checkpoints)));
        assertEquals(1, countCheckpoints(checkpointDirectory));
        FixedOutputSubject other = new FixedOutputSubject("another-model", String::length);
        new SyntaxGym2020Benchmark(SHARED).evaluate(other, context(cache, ProgressListener.NONE, () -> false, checkpoints));
        assertEquals(3132, other.calls().size());
    }

    private static long countCheckpoints(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.toString().endsWith(".ckpt")).count();
        }
    }

    @Test
    void wholeItemsGoToTheSubjectManyPerDigestTextsCall(@TempDir Path cache) {
        FixedOutputSubject lengths = new FixedOutputSubject("length", String::length);
        List<Integer> batchSizes = new ArrayList<>();
        Subject batching = new Subject() {
            @Override
            public String identifier() {
                return "length";
            }

            @Override
            public void startBehavioralTask(Task task) {
                lengths.startBehavioralTask(task);
            }

            @Override
            public List<PartResult> digestText(List<String> parts) {
                throw new AssertionError("the suite runner should hand whole items to digestTexts");
            }

            @Override
            public List<List<PartResult>> digestTexts(List<List<String>> texts) {
                batchSizes.add(texts.size());
                return texts.stream().map(lengths::digestText).toList();
            }

            @Override
            public void close() {
            }
        };
        var suite = SuiteCatalog.named("cleft").orElseThrow();
        Score batched = new SuiteBenchmark(suite, SHARED).evaluate(batching, EvaluationContext.simple(cache, Map.of()));
        Score plain = new SuiteBenchmark(suite, SHARED).evaluate(new FixedOutputSubject("length", String::length),
                EvaluationContext.simple(cache, Map.of()));
        // cleft: 40 items of 4 conditions, 160 texts: 32 whole items (128 texts), then the other 8 (32)
        assertEquals(List.of(128, 32), batchSizes, "whole items, at most 128 texts per call");
        assertEquals(plain.value(), batched.value(), 0.0);
        assertEquals(plain.items(), batched.items());
    }

    @Test
    void aSubjectReturningTooFewResultsIsNamed(@TempDir Path cache) {
        Subject broken = new Subject() {
            @Override
            public String identifier() {
                return "broken";
            }

            @Override
            public void startBehavioralTask(Task task) {
            }

            @Override
            public List<PartResult> digestText(List<String> parts) {
                return List.of(PartResult.readingTime(parts.get(0), 1.0));
            }

            @Override
            public void close() {
            }
        };
        ScoringException e = assertThrows(ScoringException.class, () -> new SuiteBenchmark(
                SuiteCatalog.named("cleft").orElseThrow(), SHARED).evaluate(broken, EvaluationContext.simple(cache, Map.of())));
        assertEquals(ErrorCode.COMPUTATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("subject broken returned 1 results for the 6 regions of suite cleft, item 1, condition"),
                e.getMessage());
    }
}
