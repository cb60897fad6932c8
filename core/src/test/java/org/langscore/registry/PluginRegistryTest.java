package org.langscore.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.Plugin;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.SubjectFactory;
import org.langscore.testing.FixedOutputSubject;

class PluginRegistryTest {

    static SubjectFactory subjectFactory(String id, String prefix) {
        return new SubjectFactory() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "fake " + id;
            }

            @Override
            public boolean supports(String reference) {
                return reference.startsWith(prefix);
            }

            @Override
            public Subject create(String reference, Map<String, String> options, PluginContext context) {
                return new FixedOutputSubject(reference, String::length);
            }
        };
    }

    static BenchmarkFactory benchmarkFactory(String id) {
        return new BenchmarkFactory() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "fake " + id;
            }

            @Override
            public String parent() {
                return "engineering";
            }

            @Override
            public Benchmark create(PluginContext context) {
                throw new UnsupportedOperationException("not needed here");
            }
        };
    }

    static Plugin plugin(List<SubjectFactory> subjects, List<BenchmarkFactory> benchmarks) {
        return new Plugin() {
            @Override
            public List<SubjectFactory> subjectFactories() {
                return subjects;
            }

            @Override
            public List<BenchmarkFactory> benchmarkFactories() {
                return benchmarks;
            }
        };
    }

    @Test
    void registersAndFindsByIdAndReference() {
        PluginRegistry registry = new PluginRegistry();
        registry.register(plugin(List.of(subjectFactory("fake", "fake/"), subjectFactory("other", "other/")),
                List.of(benchmarkFactory("b1"))), "test");
        assertEquals(List.of("fake", "other"), List.copyOf(registry.subjects().keySet()));
        assertEquals("b1", registry.benchmark("b1").id());
        assertEquals("other", registry.subjectFor("other/x").factory().id());
        PluginRegistry.SubjectChoice named = registry.subjectFor("fake:anything");
        assertEquals("fake", named.factory().id());
        assertEquals("anything", named.reference());
        assertEquals(Optional.of("test"), registry.origin("subject", "fake"));
    }

    @Test
    void duplicateIdsAreRejectedAndLeaveNothingBehind() {
        PluginRegistry registry = new PluginRegistry();
        registry.register(plugin(List.of(), List.of(benchmarkFactory("b1"))), "first.jar");
        ScoringException error = assertThrows(ScoringException.class,
                () -> registry.register(plugin(List.of(subjectFactory("s", "")), List.of(benchmarkFactory("b1"))),
                        "second.jar"));
        assertEquals(ErrorCode.DUPLICATE_IDENTIFIER, error.code());
        assertTrue(error.getMessage().contains("'b1'") && error.getMessage().contains("first.jar"), error.getMessage());
        assertTrue(registry.subjects().isEmpty(), "the rejected plugin's subject must not stay registered");
        ScoringException within = assertThrows(ScoringException.class,
                () -> new PluginRegistry().register(plugin(List.of(), List.of(benchmarkFactory("x"), benchmarkFactory("x"))),
                        "one.jar"));
        assertEquals(ErrorCode.DUPLICATE_IDENTIFIER, within.code());
    }

    @Test
    void duplicateCommandNamesAreRejected() {
        org.langscore.spi.PluginCommand command = new org.langscore.spi.PluginCommand() {
            public String name() {
                return "tool";
            }

            public String description() {
                return "a tool";
            }

            public int run(List<String> arguments, java.io.PrintWriter out, java.io.PrintWriter err,
                           PluginContext context) {
                return 0;
            }
        };
        Plugin withCommand = new Plugin() {
            @Override
            public List<org.langscore.spi.PluginCommand> commands() {
                return List.of(command);
            }
        };
        PluginRegistry registry = new PluginRegistry();
        registry.register(withCommand, "a.jar");
        assertEquals(List.of("tool"), List.copyOf(registry.commands().keySet()));
        ScoringException error = assertThrows(ScoringException.class, () -> registry.register(withCommand, "b.jar"));
        assertEquals(ErrorCode.DUPLICATE_IDENTIFIER, error.code());
    }

    @Test
    void unknownIdsNameTheValue() {
        PluginRegistry registry = new PluginRegistry();
        ScoringException benchmark = assertThrows(ScoringException.class, () -> registry.benchmark("nope"));
        assertEquals(ErrorCode.UNKNOWN_BENCHMARK, benchmark.code());
        assertTrue(benchmark.getMessage().contains("'nope'"));
        ScoringException model = assertThrows(ScoringException.class, () -> registry.subjectFor("/no/such/model"));
        assertEquals(ErrorCode.UNKNOWN_MODEL, model.code());
        assertTrue(model.getMessage().contains("/no/such/model"));
    }
}
