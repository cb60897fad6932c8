package org.langscore.web.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.langscore.db.BenchmarkRepository;
import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.Ceiling;
import org.langscore.spi.ScoringException;

/** Copies the registered benchmarks (identifier, version, parent, ceiling, BibTeX) into the database. */
@ApplicationScoped
public class BenchmarkCatalog {
    private static final Logger LOG = Logger.getLogger(BenchmarkCatalog.class);

    @Inject
    PluginCatalog plugins;

    @Inject
    BenchmarkRepository benchmarks;

    /** Refreshes the row of every registered benchmark; a benchmark whose factory fails is logged and skipped. */
    public void synchronize() {
        for (BenchmarkFactory factory : plugins.registry().benchmarks().values()) {
            try {
                Benchmark benchmark = factory.create(plugins.contextFor(factory.id()));
                Ceiling ceiling = benchmark.ceiling().orElse(null);
                benchmarks.upsert(benchmark.identifier(), benchmark.version(), benchmark.parent(),
                        benchmark.description(), ceiling == null ? Double.NaN : ceiling.value(),
                        ceiling == null ? Double.NaN : ceiling.uncertainty(), ceiling == null ? null : ceiling.source(),
                        benchmark.bibtex());
            } catch (ScoringException e) {
                LOG.warnf("benchmark %s is not listed: %s", factory.id(), e.getMessage());
            }
        }
    }
}
