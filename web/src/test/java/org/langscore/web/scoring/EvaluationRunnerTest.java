package org.langscore.web.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.registry.PluginRegistry;
import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.Plugin;
import org.langscore.spi.PluginContext;
import org.langscore.spi.Score;
import org.langscore.spi.ScoreAttributes;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.SubjectFactory;
import org.langscore.testing.FixedOutputSubject;
import org.langscore.testing.SharedData;
import org.langscore.web.fake.FakeModel;
import org.langscore.web.fake.FakePlugin;
import org.langscore.web.fake.FakeSubjectFactory;

/** The one evaluation sequence: data before model, a pre-flight refusal before any load, scores in order. */
class EvaluationRunnerTest {
    @TempDir
    Path folder;

    private EvaluationRunner.Result run(Path model, String... benchmarkIds) {
        Map<String, BenchmarkFactory> factories = new java.util.HashMap<>();
        new FakePlugin().benchmarkFactories().forEach(f -> factories.put(f.id(), f));
        PluginContext context = new PluginContext(Map.of(), folder.resolve("cache"), folder);
        List<Benchmark> benchmarks = new ArrayList<>();
        for (String id : benchmarkIds) {
            benchmarks.add(factories.get(id).create(context));
        }
        EvaluationRunner.Plan plan = new EvaluationRunner.Plan(
                new PluginRegistry.SubjectChoice(new FakeSubjectFactory(), model.toString()), Map.of("policy", "default"),
                context, benchmarks);
        List<Score> heard = new ArrayList<>();
        EvaluationRunner.Result result = EvaluationRunner.run(plan,
                EvaluationContext.simple(folder.resolve("cache"), Map.of()), heard::add);
        assertEquals(result.scores(), heard, "the listener hears every score, in order");
        return result;
    }

    @Test
    void scoresEveryBenchmarkWithOneLoadOfTheModel() throws Exception {
        Path model = FakeModel.write(folder.resolve("model"), 1.0, 0, false);
        EvaluationRunner.Result result = run(model, "fake-reading", "fake-engineering");
        assertEquals(List.of("fake-reading", "fake-engineering"),
                result.scores().stream().map(Score::benchmark).toList());
        // 1 bit per letter: raw = 63 letters / 12 words / 100; ceiling 0.05.
        assertEquals(0.0525, result.scores().get(0).raw(), 1e-12);
        assertEquals(1.0, result.scores().get(0).value(), 1e-12);
        assertEquals("fake-subject", result.subjectFactory());
        assertEquals("1.0", result.subjectSettings().get("bits-per-letter"));
        assertEquals(1, FakeModel.loads(model));
    }

    @Test
    void everyScoreCarriesTheSubjectUnderOneNameEachInTheOneStyle() throws Exception {
        // The real Futrell2018 benchmark (from the runtime class path) and a subject with settings named as
        // the HuggingFace subject's: the benchmark's own attributes and the subject's, each once.
        BenchmarkFactory futrell = ServiceLoader.load(Plugin.class).stream()
                .flatMap(plugin -> plugin.get().benchmarkFactories().stream())
                .filter(factory -> factory.id().equals("Futrell2018-pearsonr")).findFirst().orElseThrow();
        Map<String, String> settings = Map.of("policy", "sliding", "chunk", "512", "model.weights", "1 file(s)",
                "dtype", "float32");
        SubjectFactory subjects = new SubjectFactory() {
            @Override
            public String id() {
                return "fixed-output";
            }

            @Override
            public String description() {
                return "word length as surprisal";
            }

            @Override
            public boolean supports(String modelReference) {
                return true;
            }

            @Override
            public Subject create(String modelReference, Map<String, String> options, PluginContext context) {
                return new FixedOutputSubject(modelReference, String::length).withSettings(settings);
            }
        };
        PluginContext context = new PluginContext(Map.of(), folder.resolve("cache"), folder);
        EvaluationRunner.Plan plan = new EvaluationRunner.Plan(new PluginRegistry.SubjectChoice(subjects, "lengths"),
                Map.of(), context, List.of(futrell.create(context)));
        Score score = EvaluationRunner.run(plan, EvaluationContext.simple(folder.resolve("cache"),
                Map.of("data-dir", SharedData.dataDirectory().toString())), heard -> { }).scores().get(0);

        Map<String, String> attributes = score.attributes();
        assertEquals("fixed-output", attributes.get(ScoreAttributes.SUBJECT_FACTORY));
        settings.forEach((key, value) -> {
            assertEquals(value, attributes.get(ScoreAttributes.SUBJECT + key), key);
            assertFalse(attributes.containsKey(key), "the setting " + key + " appears a second time, unprefixed");
        });
        assertTrue(attributes.containsKey(ScoreAttributes.DATA_SOURCE) && attributes.containsKey(ScoreAttributes.METRIC),
                attributes.toString());
        Map<String, String> byLooseName = new java.util.HashMap<>();
        for (String key : attributes.keySet()) {
            assertTrue(ScoreAttributes.isWellFormed(key), "attribute " + key + " breaks the one style");
            // One thing, two names: the same words under another separator, or with and without the subject's prefix.
            String loose = key.replaceFirst("^subject\\.", "").replaceAll("[._-]", "");
            String other = byLooseName.put(loose, key);
            assertNull(other, "two names for one thing: " + key + " and " + other);
        }
    }

    @Test
    void missingDataIsReportedBeforeTheModelIsLoaded() throws Exception {
        Path model = FakeModel.write(folder.resolve("model"), 1.0, 0, false);
        ScoringException error = assertThrows(ScoringException.class,
                () -> run(model, "fake-reading", "fake-missing-data"));
        assertEquals(ErrorCode.FILE_NOT_FOUND, error.code());
        assertEquals(0, FakeModel.loads(model), "no benchmark's data may be missing when the model loads");
    }

    @Test
    void aModelTooLargeForTheMachineIsRefusedBeforeItLoads() throws Exception {
        Path model = FakeModel.write(folder.resolve("model"), 1.0, 0, false, FakeModel.Fault.INSUFFICIENT_MEMORY);
        ScoringException error = assertThrows(ScoringException.class, () -> run(model, "fake-reading"));
        assertEquals(ErrorCode.INSUFFICIENT_MEMORY, error.code());
        assertEquals(0, FakeModel.loads(model));
    }
}
