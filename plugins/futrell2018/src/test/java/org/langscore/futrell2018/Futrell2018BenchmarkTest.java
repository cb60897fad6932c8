package org.langscore.futrell2018;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.CheckpointStore;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.ItemTable;
import org.langscore.spi.Score;
import org.langscore.spi.ScoreAttributes;
import org.langscore.spi.ScoringException;
import org.langscore.testing.FixedOutputSubject;
import org.langscore.testing.ScriptedSubject;

class Futrell2018BenchmarkTest {
    @TempDir
    Path cache;

    private Futrell2018Benchmark benchmark(StoryGrouping grouping) {
        return new Futrell2018Benchmark(grouping, Optional.empty());
    }

    private EvaluationContext context() {
        return EvaluationContext.simple(cache, Map.of("data-dir", SharedData.dataDirectory().toString()));
    }

    private static double[] humanMeans() {
        return SharedData.derivedTargets().stream().mapToDouble(row -> Double.parseDouble(row[8])).toArray();
    }

    @Test
    void brainScoresRandomSubjectGivesItsRawScore() {
        // Brain-Score's test_dummy_bad feeds numpy.random.RandomState(0).random(10256) and asserts
        // 0.00853059/0.858; numpy 2.4.6 with the derived meanRT_2016 gives r = 0.008530587448719252.
        ScriptedSubject subject = new ScriptedSubject(NumpyRandomState.random(0, 10_256));
        Score score = benchmark(StoryGrouping.ALL_STORIES_ONE_CALL).evaluate(subject, context());
        assertEquals(0.00853059, score.raw(), 5e-9, "Brain-Score's rounded value");
        assertEquals(0.008530587448719252, score.raw(), 1e-12, "numpy's value");
        assertEquals(0.858, score.ceiling(), 0.0);
        assertEquals(0.00853059 / 0.858, score.value(), 1e-8);
        assertEquals(List.of(10_256), subject.callSizes(), "one digestText call of all 10,256 words");
        assertEquals("1", score.attributes().get("digest-calls"));
        assertEquals("9775", score.attributes().get("scored-words"));
        assertEquals("481", score.attributes().get("sentences"));
        assertTrue(score.attributes().get("ceiling.source").startsWith("published"));
        // Issue 14: one naming style for attributes (ScoreAttributes), and the subject's settings are the
        // evaluation path's to add (subject.*), never copied by the benchmark under a second name.
        for (String key : score.attributes().keySet()) {
            assertTrue(ScoreAttributes.isWellFormed(key), "attribute key " + key);
            assertFalse(key.startsWith(ScoreAttributes.SUBJECT), "attribute key " + key);
        }
    }

    @Test
    void aSubjectGivingTheHumanMeansScoresOne() {
        ScriptedSubject subject = new ScriptedSubject(humanMeans());
        Score score = benchmark(StoryGrouping.ALL_STORIES_ONE_CALL).evaluate(subject, context());
        assertEquals(1.0, score.raw(), 1e-12);
        assertEquals(1.0, score.value(), 0.0);
        assertEquals(1.0 / 0.858, score.unclippedValue(), 1e-12);
        assertEquals(Futrell2018Benchmark.VERSION, score.benchmarkVersion());
        assertEquals("Futrell2018-pearsonr", score.benchmark());
    }

    @Test
    void aNegativelyCorrelatedSubjectScoresTheAbsoluteValue() {
        double[] negated = humanMeans();
        for (int i = 0; i < negated.length; i++) {
            negated[i] = -negated[i];
        }
        Score score = benchmark(StoryGrouping.ALL_STORIES_ONE_CALL).evaluate(new ScriptedSubject(negated), context());
        assertEquals(1.0, score.raw(), 1e-12);
        assertEquals(-1.0, Double.parseDouble(score.attributes().get("pearson-r")), 1e-12);
    }

    @Test
    void theWordTableHoldsEverythingToReanalyseTheScore() {
        double[] values = NumpyRandomState.random(0, 10_256);
        values[0] = Double.NaN; // the first word has no context; it is sentence-initial, so it is not scored
        Score score = benchmark(StoryGrouping.ALL_STORIES_ONE_CALL).evaluate(new ScriptedSubject(values), context());
        ItemTable table = score.items().get(0);
        assertEquals("word", table.name());
        assertEquals(10_256, table.rows().size());
        List<Object> first = table.rows().get(0);
        assertEquals("If", first.get(table.columnIndex("word")));
        assertEquals(Boolean.TRUE, first.get(table.columnIndex("sentence_initial")));
        assertNull(first.get(table.columnIndex("surprisal_bits")));
        List<Object> second = table.rows().get(1);
        assertEquals(values[1], (Double) second.get(table.columnIndex("surprisal_bits")), 0.0);
        assertEquals(368.183908045977, (Double) second.get(table.columnIndex("mean_rt_ms")), 0.0);
        // Recompute the raw score from the table alone.
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            if (!(Boolean) row.get(table.columnIndex("sentence_initial"))) {
                x.add((Double) row.get(table.columnIndex("surprisal_bits")));
                y.add((Double) row.get(table.columnIndex("mean_rt_ms")));
            }
        }
        double r = org.langscore.metrics.PearsonCorrelation.of(x.stream().mapToDouble(d -> d).toArray(),
                y.stream().mapToDouble(d -> d).toArray());
        assertEquals(score.raw(), Math.abs(r), 0.0);
    }

    @Test
    void theStoryVariantMakesOneCallPerStoryWithSubScores() {
        ScriptedSubject subject = new ScriptedSubject(humanMeans());
        Score score = benchmark(StoryGrouping.ONE_CALL_PER_STORY).evaluate(subject, context());
        assertEquals(List.of(1073, 990, 1040, 1085, 1013, 1099, 999, 980, 1038, 939), subject.callSizes());
        assertEquals("Futrell2018-pearsonr-story", score.benchmark());
        assertEquals("10", score.attributes().get("digest-calls"));
        assertEquals(10, score.subScores().size());
        assertEquals("Futrell2018-pearsonr-story/story-3", score.subScores().get(2).benchmark());
        int scored = 0;
        for (Score story : score.subScores()) {
            assertEquals(1.0, story.raw(), 1e-12);
            scored += Integer.parseInt(story.attributes().get("scored-words"));
        }
        assertEquals(9_775, scored);
        assertEquals(1.0, score.value(), 0.0);
    }

    @Test
    void aMissingValueOnAScoredWordIsAnErrorNamingTheWord() {
        double[] values = NumpyRandomState.random(0, 10_256);
        values[1] = Double.NaN;
        ScoringException error = assertThrows(ScoringException.class, () ->
                benchmark(StoryGrouping.ALL_STORIES_ONE_CALL).evaluate(new ScriptedSubject(values), context()));
        assertEquals(ErrorCode.COMPUTATION_FAILED, error.code());
        assertTrue(error.getMessage().contains("'you' (story 1, word 2)"), error.getMessage());
    }

    @Test
    void progressIsReportedInWords() {
        List<Long> reports = new ArrayList<>();
        EvaluationContext context = new EvaluationContext((stage, done, total, unit) -> {
            assertEquals(10_256, total);
            assertEquals("words", unit);
            reports.add(done);
        }, () -> false, cache, CheckpointStore.NONE, Long.MAX_VALUE,
                Map.of("data-dir", SharedData.dataDirectory().toString()));
        benchmark(StoryGrouping.ONE_CALL_PER_STORY).evaluate(new ScriptedSubject(humanMeans()), context);
        assertEquals(11, reports.size());
        assertEquals(0L, reports.get(0));
        assertEquals(1073L, reports.get(1));
        assertEquals(10_256L, reports.get(10));
    }

    @Test
    void progressWithinACallIsForwardedOnTopOfTheEarlierCallsWords() {
        for (StoryGrouping grouping : StoryGrouping.values()) {
            List<Long> reports = new ArrayList<>();
            EvaluationContext context = new EvaluationContext((stage, done, total, unit) -> {
                assertEquals("Natural Stories", stage);
                assertEquals(10_256, total);
                assertEquals("words", unit);
                reports.add(done);
            }, () -> false, cache, CheckpointStore.NONE, Long.MAX_VALUE,
                    Map.of("data-dir", SharedData.dataDirectory().toString()));
            benchmark(grouping).evaluate(new ScriptedSubject(humanMeans()).reportingEvery(500), context);
            for (int i = 1; i < reports.size(); i++) {
                assertTrue(reports.get(i) >= reports.get(i - 1), grouping + ": progress never goes back, report " + i);
            }
            assertEquals(10_256L, reports.get(reports.size() - 1));
            if (grouping == StoryGrouping.ALL_STORIES_ONE_CALL) {
                // 0, then 500, 1000, ..., 10000 from inside the one call, its end, and the benchmark's own report
                assertEquals(0L, reports.get(0));
                assertEquals(500L, reports.get(1));
                assertEquals(10_000L, reports.get(20));
                assertEquals(23, reports.size());
            } else {
                // the second story's first in-call report sits on top of the first story's 1,073 words
                assertTrue(reports.contains(1073L + 500L), reports.toString());
            }
        }
    }

    @Test
    void cancellationStopsBetweenStories() {
        AtomicInteger checks = new AtomicInteger();
        ScriptedSubject subject = new ScriptedSubject(humanMeans());
        // Cancel once the second story has been read.
        EvaluationContext context = new EvaluationContext((stage, done, total, unit) -> { },
                () -> subject.callSizes().size() >= 2 && checks.incrementAndGet() > 0, cache, CheckpointStore.NONE,
                Long.MAX_VALUE, Map.of("data-dir", SharedData.dataDirectory().toString()));
        ScoringException error = assertThrows(ScoringException.class,
                () -> benchmark(StoryGrouping.ONE_CALL_PER_STORY).evaluate(subject, context));
        assertEquals(ErrorCode.CANCELLED, error.code());
        assertEquals(2, subject.callSizes().size());
    }

    /** Issue 14: the benchmark cached its corpus and its last ceiling in mutable fields. */
    @Test
    void theBenchmarkIsImmutableAndItsCeilingAConstant() {
        for (java.lang.reflect.Field field : Futrell2018Benchmark.class.getDeclaredFields()) {
            assertTrue(java.lang.reflect.Modifier.isFinal(field.getModifiers()), field + " is final");
        }
        Futrell2018Benchmark benchmark = benchmark(StoryGrouping.ALL_STORIES_ONE_CALL);
        Score score = benchmark.evaluate(new ScriptedSubject(humanMeans()), context());
        assertEquals(score.ceiling(), benchmark.ceiling().orElseThrow().value(), 0.0);
        assertEquals(Futrell2018Benchmark.PUBLISHED_CEILING, benchmark.ceiling().orElseThrow(),
                "an evaluation does not change what ceiling() answers");
    }

    @Test
    void describesItselfAsBrainScoreDoes() {
        Futrell2018Benchmark benchmark = benchmark(StoryGrouping.ALL_STORIES_ONE_CALL);
        assertEquals("Futrell2018-pearsonr", benchmark.identifier());
        assertEquals(1, benchmark.version());
        assertEquals("behavior", benchmark.parent());
        assertTrue(benchmark.bibtex().contains("The Natural Stories Corpus"));
        assertTrue(benchmark.bibtex().contains("Futrell, Richard"));
        assertTrue(benchmark.bibtex().contains("2018"));
        assertEquals(Futrell2018Benchmark.PUBLISHED_CEILING, benchmark.ceiling().orElseThrow());
    }

    @Test
    void aRunCutShortResumesFromItsCheckpoints() {
        Map<String, byte[]> stored = new java.util.HashMap<>();
        CheckpointStore store = new CheckpointStore() {
            @Override
            public Optional<byte[]> load(String key) {
                return Optional.ofNullable(stored.get(key));
            }

            @Override
            public void save(String key, byte[] data) {
                stored.put(key, data.clone());
            }

            @Override
            public void delete(String key) {
                stored.remove(key);
            }
        };
        Map<String, String> options = Map.of("data-dir", SharedData.dataDirectory().toString());
        FixedOutputSubject first = new FixedOutputSubject("by-length", String::length);
        EvaluationContext cutShort = new EvaluationContext((stage, done, total, unit) -> { },
                () -> first.calls().size() >= 3, cache, store, Long.MAX_VALUE, options);
        assertThrows(ScoringException.class,
                () -> benchmark(StoryGrouping.ONE_CALL_PER_STORY).evaluate(first, cutShort));
        assertEquals(3, stored.size());

        FixedOutputSubject second = new FixedOutputSubject("by-length", String::length);
        Score resumed = benchmark(StoryGrouping.ONE_CALL_PER_STORY).evaluate(second,
                new EvaluationContext((stage, done, total, unit) -> { }, () -> false, cache, store, Long.MAX_VALUE,
                        options));
        assertEquals(7, second.calls().size(), "stories 4-10 only");
        assertEquals("3", resumed.attributes().get("resumed-calls"));
        assertTrue(stored.isEmpty(), "checkpoints are removed once the score is complete");

        Score fresh = benchmark(StoryGrouping.ONE_CALL_PER_STORY).evaluate(
                new FixedOutputSubject("by-length", String::length), context());
        assertEquals(fresh.raw(), resumed.raw(), 0.0);
        assertEquals("0", fresh.attributes().get("resumed-calls"));
    }
}
