package org.langscore.syntaxgym;

import java.util.Objects;

import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.PluginContext;
import org.langscore.syntaxgym.suite.SuiteFile;

/** Makes the {@code syntaxgym-<suite>} benchmark of one suite. */
public final class SuiteBenchmarkFactory implements BenchmarkFactory {
    private final SuiteFile file;

    /** @param file the suite */
    public SuiteBenchmarkFactory(SuiteFile file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public String id() {
        return SuiteBenchmark.identifier(file);
    }

    @Override
    public String description() {
        return SuiteBenchmark.description(file);
    }

    @Override
    public String parent() {
        return SuiteBenchmark.PARENT;
    }

    @Override
    public Benchmark create(PluginContext context) {
        return new SuiteBenchmark(file, SyntaxGymConfig.from(context.config()));
    }
}
