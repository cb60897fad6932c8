package org.langscore.futrell2018;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.Benchmark;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.PluginContext;
import org.langscore.spi.Score;
import org.langscore.spi.ScoringException;
import org.langscore.testing.ScriptedSubject;

class Futrell2018BenchmarkFactoryTest {
    @TempDir
    Path home;

    private final Futrell2018BenchmarkFactory factory = new Futrell2018BenchmarkFactory(StoryGrouping.ALL_STORIES_ONE_CALL);

    @Test
    void withoutConfigurationTheDataComeFromTheCacheAndTheCeilingIsPublished() throws Exception {
        Path cache = home.resolve("cache");
        // A verified copy in the cache stands in for an earlier download (tests never reach the network).
        for (var file : List.of(NaturalStoriesFiles.STORY_WORDS, NaturalStoriesFiles.WORD_INFO_2016)) {
            Path target = cache.resolve(file.relativePath());
            Files.createDirectories(target.getParent());
            Files.copy(SharedData.dataDirectory().resolve(file.relativePath()), target);
        }
        Benchmark benchmark = factory.create(new PluginContext(Map.of(), cache, home));
        assertEquals(Futrell2018Benchmark.PUBLISHED_CEILING, benchmark.ceiling().orElseThrow());
        Score score = benchmark.evaluate(new ScriptedSubject(NumpyRandomState.random(0, 10_256)),
                EvaluationContext.simple(cache, Map.of()));
        assertEquals(0.00853059, score.raw(), 5e-9);
        assertTrue(score.attributes().get("data.location").endsWith("(cache)"));
    }

    @Test
    void theDataDirKeyPointsAtALocalCopy() {
        String data = SharedData.dataDirectory().toString();
        Benchmark benchmark = factory.create(new PluginContext(Map.of("data-dir", data), home.resolve("cache"), home));
        Score score = benchmark.evaluate(new ScriptedSubject(NumpyRandomState.random(0, 10_256)),
                EvaluationContext.simple(home.resolve("empty-cache"), Map.of()));
        assertEquals(data, score.attributes().get("data.location"));
    }

    @Test
    void theRunOptionWinsOverTheConfiguration() {
        Benchmark benchmark = factory.create(new PluginContext(Map.of("data-dir", home.toString()),
                home.resolve("cache"), home));
        String data = SharedData.dataDirectory().toString();
        Score score = benchmark.evaluate(new ScriptedSubject(NumpyRandomState.random(0, 10_256)),
                EvaluationContext.simple(home.resolve("cache"), Map.of("data-dir", data)));
        assertEquals(data, score.attributes().get("data.location"));
    }

    @Test
    void aDataDirThatIsNoDirectoryIsRefused() {
        ScoringException error = assertThrows(ScoringException.class, () -> factory.create(
                new PluginContext(Map.of("data-dir", home.resolve("nope").toString()), home, home)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
        assertTrue(error.getMessage().contains("nope"), error.getMessage());
    }

    @Test
    void anUnknownKeyIsRefused() {
        ScoringException error = assertThrows(ScoringException.class, () -> factory.create(
                new PluginContext(Map.of("datadir", "x"), home, home)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
        assertTrue(error.getMessage().contains("'datadir'"), error.getMessage());
    }

    @Test
    void theStoryGroupingIsLangscoresVariantOfBrainScoresBenchmark() {
        assertTrue(factory.variantOf().isEmpty(), "Futrell2018-pearsonr is Brain-Score's own");
        assertEquals(java.util.Optional.of("Futrell2018-pearsonr"),
                new Futrell2018BenchmarkFactory(StoryGrouping.ONE_CALL_PER_STORY).variantOf());
    }
}
