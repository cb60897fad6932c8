package org.langscore.syntaxgym;

import java.util.List;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.PartResult;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.syntaxgym.suite.SuiteCondition;
import org.langscore.syntaxgym.suite.SuiteItem;
import org.langscore.syntaxgym.suite.TestSuite;

/**
 * Feeds every sentence of a suite to a subject: one {@link Subject#digestTexts(List)} call per item with
 * all its conditions as independent texts (a subject may score them in one batch), each condition's
 * regions (empty ones included) as the parts, so that each region's surprisal is conditioned on the
 * earlier regions of the same sentence only. The subject must already have been given the
 * reading-times task.
 */
final class SurprisalCollector {
    private SurprisalCollector() {
    }

    /**
     * @throws ScoringException with {@link ErrorCode#CANCELLED} when the context asks to stop (checked
     *     before every item), or naming the suite, item and condition when the subject fails
     */
    static SuiteSurprisals collect(TestSuite suite, Subject subject, EvaluationContext context, ItemProgress progress,
                                   String stage) {
        SuiteSurprisals surprisals = new SuiteSurprisals(suite);
        List<SuiteItem> items = suite.items();
        progress.report(stage);
        for (int i = 0; i < items.size(); i++) {
            context.checkCancelled();
            SuiteItem item = items.get(i);
            List<List<PartResult>> itemResults = digest(suite, item, subject);
            for (int c = 0; c < item.conditions().size(); c++) {
                SuiteCondition condition = item.conditions().get(c);
                List<PartResult> results = itemResults.get(c);
                double[] values = new double[results.size()];
                int[] tokens = new int[results.size()];
                for (int r = 0; r < results.size(); r++) {
                    values[r] = results.get(r).readingTime();
                    tokens[r] = results.get(r).tokenCount();
                }
                surprisals.put(i, condition.name(), values, tokens);
            }
            progress.advance(stage);
        }
        return surprisals;
    }

    /** @return per condition of the item, in order, one result per region */
    private static List<List<PartResult>> digest(TestSuite suite, SuiteItem item, Subject subject) {
        List<List<String>> texts = item.conditions().stream().map(SuiteCondition::regions).toList();
        List<List<PartResult>> results;
        try {
            results = subject.digestTexts(texts);
        } catch (ScoringException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "subject " + subject.identifier() + " failed on "
                    + "suite " + suite.name() + ", item " + item.itemNumber() + " (" + texts.size() + " conditions): "
                    + e, e);
        }
        if (results == null || results.size() != texts.size()) {
            throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "subject " + subject.identifier() + " returned "
                    + (results == null ? "nothing" : results.size() + " texts") + " for the " + texts.size()
                    + " conditions of suite " + suite.name() + ", item " + item.itemNumber());
        }
        for (int c = 0; c < texts.size(); c++) {
            List<PartResult> condition = results.get(c);
            if (condition == null || condition.size() != texts.get(c).size()) {
                throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "subject " + subject.identifier()
                        + " returned " + (condition == null ? "nothing" : condition.size() + " results") + " for the "
                        + texts.get(c).size() + " regions of suite " + suite.name() + ", item " + item.itemNumber()
                        + ", condition " + item.conditions().get(c).name());
            }
        }
        return results;
    }
}
