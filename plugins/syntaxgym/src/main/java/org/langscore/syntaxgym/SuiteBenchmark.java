package org.langscore.syntaxgym;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.langscore.spi.Benchmark;
import org.langscore.spi.Ceiling;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.Score;
import org.langscore.spi.Subject;
import org.langscore.syntaxgym.suite.SuiteFile;

/**
 * {@code syntaxgym-<suite>}: the accuracy of a subject on one SyntaxGym suite, as Brain-Score's
 * {@code SyntaxGymSingleTSE}. Each region's value is its summed surprisal; an item is correct when
 * all the suite's predictions hold; the score is the fraction of correct items. No ceiling: the score
 * is the raw accuracy. The score carries a per-region and a per-item table.
 */
public final class SuiteBenchmark implements Benchmark {
    /** The benchmark version; a change of data or metric increments it. */
    public static final int VERSION = 1;
    /** The benchmark tree parent, as Brain-Score's. */
    public static final String PARENT = "engineering";
    /** The prefix of every per-suite identifier. */
    public static final String PREFIX = "syntaxgym-";

    private final SuiteFile file;
    private final SyntaxGymConfig config;
    private final PreparedSuites suites;

    /**
     * @param file the suite
     * @param config where its data come from
     */
    public SuiteBenchmark(SuiteFile file, SyntaxGymConfig config) {
        this.file = Objects.requireNonNull(file, "file");
        this.config = Objects.requireNonNull(config, "config");
        this.suites = new PreparedSuites(List.of(file), config);
    }

    /** @return the identifier of a suite's benchmark, {@code syntaxgym-<suite>} */
    public static String identifier(SuiteFile file) {
        return PREFIX + file.name();
    }

    /** @return a one-line description of a suite's benchmark */
    public static String description(SuiteFile file) {
        return "SyntaxGym suite " + file.name() + " (Hu et al. 2020): fraction of items whose predictions all hold";
    }

    @Override
    public String identifier() {
        return identifier(file);
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public String parent() {
        return PARENT;
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
    public String description() {
        return description(file);
    }

    @Override
    public void prepare(EvaluationContext context) {
        suites.load(context);
    }

    @Override
    public Score evaluate(Subject subject, EvaluationContext context) {
        SuiteOutcome outcome = SuiteRunner.run(identifier(), suites, subject, context).get(0);
        double accuracy = outcome.accuracy();
        return new Score(identifier(), VERSION, subject.identifier(), accuracy, accuracy, accuracy, Double.NaN, Double.NaN,
                List.of(), ResultTables.of(List.of(outcome)), SuiteRunner.attributes(outcome, file, config, context));
    }
}
