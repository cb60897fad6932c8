package org.langscore.syntaxgym;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.langscore.spi.EvaluationContext;
import org.langscore.spi.Score;
import org.langscore.spi.ScoreAttributes;
import org.langscore.spi.Subject;
import org.langscore.syntaxgym.suite.SuiteCatalog;
import org.langscore.syntaxgym.suite.SuiteFile;

/**
 * {@code syntaxgym-2020}: the unweighted mean of the accuracies on the 31 suites Brain-Score's
 * {@code SyntaxGym2020} uses (all 33 but fgd-embed3 and fgd-embed4). Each suite's score is a
 * sub-score (without tables); the aggregate carries the per-region and per-item tables of all suites.
 * No ceiling.
 */
public final class SyntaxGym2020Benchmark extends SyntaxGymBenchmark {
    /** The identifier, as Brain-Score's registry. */
    public static final String IDENTIFIER = "syntaxgym-2020";
    /** A one-line description. */
    public static final String DESCRIPTION =
            "SyntaxGym 2020 (Hu et al. 2020): mean accuracy over the 31 test suites Brain-Score uses";

    private final List<SuiteFile> files;
    private final SyntaxGymConfig config;

    /** @param config where the data come from */
    public SyntaxGym2020Benchmark(SyntaxGymConfig config) {
        this(SuiteCatalog.brainScore2020(), Objects.requireNonNull(config, "config"));
    }

    private SyntaxGym2020Benchmark(List<SuiteFile> files, SyntaxGymConfig config) {
        super(files, config);
        this.files = files;
        this.config = config;
    }

    /** @return the suites, in Brain-Score's order */
    public List<SuiteFile> suites() {
        return files;
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public Score evaluate(Subject subject, EvaluationContext context) {
        List<SuiteOutcome> outcomes = SuiteRunner.run(IDENTIFIER, suites, subject, context);
        List<Score> subScores = new ArrayList<>();
        double sum = 0;
        int items = 0;
        int sentences = 0;
        for (int s = 0; s < outcomes.size(); s++) {
            SuiteOutcome outcome = outcomes.get(s);
            SuiteFile file = files.get(s);
            double accuracy = outcome.accuracy();
            sum += accuracy;
            items += outcome.suite().items().size();
            sentences += outcome.suite().sentenceCount();
            subScores.add(new Score(SuiteBenchmark.identifier(file), SuiteBenchmark.VERSION, subject.identifier(), accuracy,
                    accuracy, accuracy, Double.NaN, Double.NaN, List.of(), List.of(),
                    SuiteRunner.attributes(outcome, file, config, context)));
        }
        double mean = sum / outcomes.size();
        Map<String, String> attributes = new TreeMap<>();
        attributes.put(ScoreAttributes.SUITES, Integer.toString(outcomes.size()));
        attributes.put(ScoreAttributes.ITEMS, Integer.toString(items));
        attributes.put(ScoreAttributes.SENTENCES, Integer.toString(sentences));
        attributes.put(ScoreAttributes.DATA_COMMIT, "cpllab/syntactic-generalization@" + SuiteCatalog.COMMIT);
        attributes.put(ScoreAttributes.METRIC, "unweighted mean of the suites' accuracies");
        return new Score(IDENTIFIER, SuiteBenchmark.VERSION, subject.identifier(), mean, mean, mean, Double.NaN, Double.NaN,
                subScores, ResultTables.of(outcomes), attributes);
    }
}
