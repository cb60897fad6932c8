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
     * @return the Brain-Score benchmark this one is langscore's own variant of ({@code Futrell2018-pearsonr}
     *     for {@code Futrell2018-pearsonr-story}), or empty for a benchmark of Brain-Score's own. A
     *     leaderboard shows a variant beside its parent's benchmarks and never counts it in the parent, so
     *     that a parent keeps Brain-Score's definition
     */
    default java.util.Optional<String> variantOf() {
        return java.util.Optional.empty();
    }

    /**
     * @return the ids of other benchmarks whose scores this one computes as its sub-scores (an aggregate
     *     such as {@code syntaxgym-2020} includes its suites), so that a host running a group runs them once
     */
    default java.util.Set<String> includes() {
        return java.util.Set.of();
    }

    /**
     * Creates the benchmark. Data are loaded lazily, in {@link Benchmark#evaluate}.
     *
     * @throws ScoringException when the configuration is wrong
     */
    Benchmark create(PluginContext context);
}
