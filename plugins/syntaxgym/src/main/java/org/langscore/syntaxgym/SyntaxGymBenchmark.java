package org.langscore.syntaxgym;

import java.util.List;
import java.util.Optional;

import org.langscore.spi.Benchmark;
import org.langscore.spi.Ceiling;
import org.langscore.spi.EvaluationContext;
import org.langscore.syntaxgym.suite.SuiteFile;

/**
 * What every SyntaxGym benchmark shares: {@link SuiteBenchmark#VERSION} and {@link SuiteBenchmark#PARENT},
 * no ceiling (the score is the raw accuracy), Hu et al. 2020 as the reference, and its suites, whose data
 * {@link #prepare} fetches and checks before a model is loaded.
 */
abstract class SyntaxGymBenchmark implements Benchmark {
    /** The benchmark's suites, loaded once by {@link #prepare} (or by the first evaluation). */
    final PreparedSuites suites;

    /**
     * @param files the benchmark's suites
     * @param config where their data come from
     */
    SyntaxGymBenchmark(List<SuiteFile> files, SyntaxGymConfig config) {
        this.suites = new PreparedSuites(files, config);
    }

    @Override
    public int version() {
        return SuiteBenchmark.VERSION;
    }

    @Override
    public String parent() {
        return SuiteBenchmark.PARENT;
    }

    @Override
    public Optional<Ceiling> ceiling() {
        return Optional.empty();
    }

    @Override
    public String bibtex() {
        return Publications.HU_ET_AL_2020;
    }

    @Override
    public void prepare(EvaluationContext context) {
        suites.load(context);
    }
}
