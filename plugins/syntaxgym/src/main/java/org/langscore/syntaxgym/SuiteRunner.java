package org.langscore.syntaxgym;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.langscore.spi.CheckpointStore;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.ScoreAttributes;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;
import org.langscore.syntaxgym.suite.SuiteCatalog;
import org.langscore.syntaxgym.suite.SuiteFile;
import org.langscore.syntaxgym.suite.TestSuite;

/**
 * Runs a subject on one or more suites. All suites are loaded and checked before the subject sees a
 * sentence, so that a data problem shows at once. Each finished suite's surprisals are saved as a
 * checkpoint (keyed by suite, file checksum, subject and its settings) so that an interrupted run
 * resumes with the next suite; the checkpoints are deleted once every suite is done.
 */
final class SuiteRunner {
    /** The checkpoint format; a change invalidates old checkpoints. */
    private static final String CHECKPOINT_FORMAT = "syntaxgym-surprisals-v1";

    private SuiteRunner() {
    }

    /**
     * @param stagePrefix the benchmark identifier, shown in progress reports
     * @param prepared the suites to run, loaded and checked before the subject sees a sentence
     * @return one outcome per suite, in the order given
     */
    static List<SuiteOutcome> run(String stagePrefix, PreparedSuites prepared, Subject subject,
                                  EvaluationContext context) {
        List<SuiteFile> files = prepared.files();
        List<TestSuite> suites = prepared.load(context);
        long totalItems = 0;
        for (TestSuite suite : suites) {
            totalItems += suite.items().size();
        }
        subject.startBehavioralTask(Task.READING_TIMES);
        ItemProgress progress = new ItemProgress(context.progress(), totalItems);
        CheckpointStore checkpoints = context.checkpoints();
        List<SuiteOutcome> outcomes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int s = 0; s < suites.size(); s++) {
            TestSuite suite = suites.get(s);
            String stage = files.size() == 1 ? stagePrefix : stagePrefix + " (" + suite.name() + ")";
            String key = checkpointKey(files.get(s), subject);
            keys.add(key);
            Optional<SuiteSurprisals> restored = checkpoints.load(key).flatMap(data -> SuiteSurprisals.parse(suite, data));
            SuiteSurprisals surprisals;
            if (restored.isPresent()) {
                surprisals = restored.get();
                progress.skip(stage, suite.items().size());
            } else {
                surprisals = SurprisalCollector.collect(suite, subject, context, progress, stage);
                checkpoints.save(key, surprisals.serialize());
            }
            outcomes.add(SuiteOutcome.judge(suite, surprisals));
        }
        for (String key : keys) {
            checkpoints.delete(key);
        }
        return outcomes;
    }

    private static String checkpointKey(SuiteFile file, Subject subject) {
        Map<String, String> settings = new TreeMap<>(subject.settings());
        return CHECKPOINT_FORMAT + "/" + file.name() + "/" + file.sha256() + "/" + subject.identifier() + "/" + settings;
    }

    /** @return the attributes that describe how a suite's score was computed */
    static Map<String, String> attributes(SuiteOutcome outcome, SuiteFile file, SyntaxGymConfig config,
                                          EvaluationContext context) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put(ScoreAttributes.SUITE, outcome.suite().name());
        attributes.put(ScoreAttributes.ITEMS, Integer.toString(outcome.suite().items().size()));
        attributes.put(ScoreAttributes.SENTENCES, Integer.toString(outcome.suite().sentenceCount()));
        attributes.put(ScoreAttributes.PREDICTIONS, Integer.toString(outcome.suite().predictions().size()));
        attributes.put(ScoreAttributes.DATA_SOURCE, config.withRunOptions(context.options()).sourceOf(file));
        attributes.put(ScoreAttributes.DATA_SHA256, file.sha256());
        attributes.put(ScoreAttributes.DATA_COMMIT, "cpllab/syntactic-generalization@" + SuiteCatalog.COMMIT);
        attributes.put(ScoreAttributes.METRIC, "accuracy: an item is correct when all the suite's predictions hold");
        attributes.put(ScoreAttributes.REGION_VALUE, "surprisal in bits summed over the region's tokens, NaN counted "
                + "as 0; digestTexts calls of whole items with their conditions as independent texts, the regions as parts");
        return attributes;
    }
}
