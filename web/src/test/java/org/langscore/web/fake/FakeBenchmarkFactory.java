package org.langscore.web.fake;

import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.PluginContext;

/** Makes a {@link FakeReadingBenchmark} under an identifier, parent and ceiling. */
final class FakeBenchmarkFactory implements BenchmarkFactory {
    private final String id;
    private final String parent;
    private final Double ceiling;
    private final boolean dataMissing;

    FakeBenchmarkFactory(String id, String parent, Double ceiling, boolean dataMissing) {
        this.id = id;
        this.parent = parent;
        this.ceiling = ceiling;
        this.dataMissing = dataMissing;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "a fake reading benchmark for the platform's tests";
    }

    @Override
    public String parent() {
        return parent;
    }

    @Override
    public Benchmark create(PluginContext context) {
        return new FakeReadingBenchmark(id, parent, ceiling, dataMissing);
    }
}
