package org.langscore.syntaxgym;

import java.util.List;

import org.langscore.spi.EvaluationContext;
import org.langscore.syntaxgym.suite.SuiteFile;
import org.langscore.syntaxgym.suite.TestSuite;

/**
 * The suites of one benchmark, loaded and checked once per data location (cache directory and run
 * options), so that {@code prepare} and {@code evaluate} share one load.
 */
final class PreparedSuites {
    private final List<SuiteFile> files;
    private final SyntaxGymConfig config;
    private List<TestSuite> suites;
    private List<Object> loadedFor;

    PreparedSuites(List<SuiteFile> files, SyntaxGymConfig config) {
        this.files = List.copyOf(files);
        this.config = config;
    }

    /** @return the files, in order */
    List<SuiteFile> files() {
        return files;
    }

    /**
     * @return the suites, in the order of the files
     * @throws org.langscore.spi.ScoringException naming a missing, altered or malformed file
     */
    synchronized List<TestSuite> load(EvaluationContext context) {
        List<Object> location = List.of(context.cacheDirectory(), context.options());
        if (suites == null || !location.equals(loadedFor)) {
            SuiteSource source = new SuiteSource(config.withRunOptions(context.options()), context.cacheDirectory());
            suites = files.stream().map(source::load).toList();
            loadedFor = location;
        }
        return suites;
    }
}
