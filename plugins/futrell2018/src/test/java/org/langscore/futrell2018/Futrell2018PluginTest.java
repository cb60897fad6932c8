package org.langscore.futrell2018;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.registry.PluginRegistry;
import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.Plugin;
import org.langscore.spi.PluginContext;

class Futrell2018PluginTest {
    @TempDir
    Path home;

    @Test
    void serviceLoaderFindsThePluginAndItsTwoBenchmarks() {
        List<Plugin> plugins = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof Futrell2018Plugin).toList();
        assertEquals(1, plugins.size());
        PluginRegistry registry = new PluginRegistry();
        registry.register(plugins.get(0), "class path");
        assertEquals(List.of("Futrell2018-pearsonr", "Futrell2018-pearsonr-story"),
                List.copyOf(registry.benchmarks().keySet()));
        for (BenchmarkFactory factory : registry.benchmarks().values()) {
            assertEquals("behavior", factory.parent());
            assertTrue(factory.description().contains("Natural Stories"));
            Benchmark benchmark = factory.create(new PluginContext(Map.of(), home.resolve("cache"), home));
            assertEquals(factory.id(), benchmark.identifier());
            assertEquals(1, benchmark.version());
        }
    }
}
