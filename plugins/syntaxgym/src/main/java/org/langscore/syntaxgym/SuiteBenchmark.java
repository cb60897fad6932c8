package org.langscore.syntaxgym;

import java.util.List;
import java.util.Objects;

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
public final class SuiteBenchmark extends SyntaxGymBenchmark {
    /** The benchmark version; a change of data or metric increments it. */
    public static final int VERSION = 1;
    /** The benchmark tree parent, as Brain-Score's. */
    public static final String PARENT = "engineering";
    /** The prefix of every per-suite identifier. */
    public static final String PREFIX = "syntaxgym-";

    private final SuiteFile file;
    private final SyntaxGymConfig config;

    /**
     * @param file the suite
     * @param config where its data come from
     */
    public SuiteBenchmark(SuiteFile file, SyntaxGymConfig config) {
        super(List.of(Objects.requireNonNull(file, "file")), Objects.requireNonNull(config, "config"));
        this.file = file;
        this.config = config;
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
    public String description() {
        return description(file);
    }

    @Override
    public Score evaluate(Subject subject, EvaluationContext context) {
        SuiteOutcome outcome = SuiteRunner.run(identifier(), suites, subject, context).get(0);
        double accuracy = outcome.accuracy();
        return new Score(identifier(), VERSION, subject.identifier(), accuracy, accuracy, accuracy, Double.NaN, Double.NaN,
                List.of(), ResultTables.of(List.of(outcome)), SuiteRunner.attributes(outcome, file, config, context));
    }
}
