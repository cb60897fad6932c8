package org.langscore.syntaxgym;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.Plugin;
import org.langscore.spi.PluginContext;
import org.langscore.spi.Score;
import org.langscore.testing.FixedOutputSubject;

/** Wiring: the ServiceLoader finds the plugin, its factories are registered and create working benchmarks. */
class SyntaxGymPluginTest {

    private static SyntaxGymPlugin findPlugin() {
        List<SyntaxGymPlugin> found = new ArrayList<>();
        for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
            if (plugin instanceof SyntaxGymPlugin syntaxGym) {
                found.add(syntaxGym);
            }
        }
        assertEquals(1, found.size(), "META-INF/services/org.langscore.spi.Plugin names the plugin once");
        return found.get(0);
    }

    @Test
    void serviceLoaderFindsThePluginWithABenchmarkPerSuiteAndTheAggregate() {
        SyntaxGymPlugin plugin = findPlugin();
        List<String> expected = new ArrayList<>();
        for (Path file : SharedData.suiteFiles()) {
            expected.add("syntaxgym-" + SharedData.suiteName(file));
        }
        expected.add("syntaxgym-2020");
        List<String> ids = plugin.benchmarkFactories().stream().map(BenchmarkFactory::id).toList();
        assertEquals(34, ids.size(), "33 suites and syntaxgym-2020");
        assertEquals(expected, ids);
        assertTrue(plugin.subjectFactories().isEmpty());

        PluginRegistry registry = new PluginRegistry();
        registry.register(plugin, "class path");
        assertEquals(34, registry.benchmarks().size());
        for (BenchmarkFactory factory : plugin.benchmarkFactories()) {
            assertEquals("engineering", factory.parent());
            assertTrue(factory.description().contains("Hu et al. 2020"), factory.description());
        }
    }

    @Test
    void factoriesCreateBenchmarksThatEvaluate(@TempDir Path cache) {
        PluginRegistry registry = new PluginRegistry();
        registry.register(findPlugin(), "class path");
        PluginContext pluginContext = new PluginContext(Map.of("data-dir", SharedData.dataDirectory().toString()), cache,
                cache);
        Benchmark benchmark = registry.benchmark("syntaxgym-subordination").create(pluginContext);
        assertEquals("syntaxgym-subordination", benchmark.identifier());
        assertEquals(1, benchmark.version());
        assertEquals("engineering", benchmark.parent());
        assertTrue(benchmark.ceiling().isEmpty());
        assertTrue(benchmark.bibtex().contains("A Systematic Assessment of Syntactic Generalization in Neural Language Models"));
        assertTrue(benchmark.bibtex().startsWith("@inproceedings{"));
        try (FixedOutputSubject subject = new FixedOutputSubject("length", String::length)) {
            Score score = benchmark.evaluate(subject, EvaluationContext.simple(cache, Map.of()));
            assertEquals("syntaxgym-subordination", score.benchmark());
            assertEquals("length", score.subject());
            assertEquals(92, subject.calls().size(), "one call per item and condition");
            assertTrue(score.value() >= 0 && score.value() <= 1);
        }
        Benchmark aggregate = registry.benchmark("syntaxgym-2020").create(pluginContext);
        assertEquals("syntaxgym-2020", aggregate.identifier());
        assertTrue(aggregate.ceiling().isEmpty());
    }

    @Test
    void npzObjIsReportedUnderItsOwnNameUnlikeBrainScore(@TempDir Path cache) {
        PluginRegistry registry = new PluginRegistry();
        registry.register(findPlugin(), "class path");
        PluginContext pluginContext = new PluginContext(Map.of("data-dir", SharedData.dataDirectory().toString()), cache,
                cache);
        Benchmark benchmark = registry.benchmark("syntaxgym-npz_obj").create(pluginContext);
        assertEquals("syntaxgym-npz_obj", benchmark.identifier());
        try (FixedOutputSubject subject = new FixedOutputSubject("zero", part -> 0.0)) {
            Score score = benchmark.evaluate(subject, EvaluationContext.simple(cache, Map.of()));
            assertEquals("syntaxgym-npz_obj", score.benchmark());
            assertEquals("npz_obj", score.attributes().get("suite"));
            // The first sentence is npz_obj's (6 regions), not npz_ambig_mod's (7 regions).
            List<String> expected = new ArrayList<>();
            SharedData.rawJson(SharedData.dataDirectory().resolve("syntaxgym/test_suites/json/npz_obj.json"))
                    .getAsJsonArray("items").get(0).getAsJsonObject().getAsJsonArray("conditions").get(0).getAsJsonObject()
                    .getAsJsonArray("regions").forEach(r -> expected.add(r.getAsJsonObject().get("content").getAsString()));
            assertEquals(6, expected.size());
            assertEquals(expected, subject.calls().get(0));
        }
    }
}
