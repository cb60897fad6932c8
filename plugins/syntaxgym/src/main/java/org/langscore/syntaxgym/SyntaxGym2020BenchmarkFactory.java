package org.langscore.syntaxgym;

import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.PluginContext;

/** Makes the {@code syntaxgym-2020} aggregate benchmark. */
public final class SyntaxGym2020BenchmarkFactory implements BenchmarkFactory {

    @Override
    public String id() {
        return SyntaxGym2020Benchmark.IDENTIFIER;
    }

    @Override
    public String description() {
        return SyntaxGym2020Benchmark.DESCRIPTION;
    }

    @Override
    public String parent() {
        return SuiteBenchmark.PARENT;
    }

    @Override
    public java.util.Set<String> includes() {
        java.util.Set<String> suites = new java.util.TreeSet<>();
        org.langscore.syntaxgym.suite.SuiteCatalog.brainScore2020().forEach(file -> suites.add(SuiteBenchmark.identifier(file)));
        return suites;
    }

    @Override
    public Benchmark create(PluginContext context) {
        return new SyntaxGym2020Benchmark(SyntaxGymConfig.from(context.config()));
    }
}
