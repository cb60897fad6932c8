package org.langscore.spi;

/** A long-lived, named maker of one {@link Benchmark}. */
public interface BenchmarkFactory {

    /** @return the benchmark identifier, unique among all plugins */
    String id();

    /** @return a one-line description for listings */
    String description();

    /** @return the parent in the benchmark tree */
    String parent();

    /**
     * Creates the benchmark. Data are loaded lazily, in {@link Benchmark#evaluate}.
     *
     * @throws ScoringException when the configuration is wrong
     */
    Benchmark create(PluginContext context);
}
