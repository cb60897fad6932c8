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
 * Feeds every sentence of a suite to a subject: one {@link Subject#digestText(List)} call per item
 * and condition, with the condition's regions (empty ones included) as the parts, so that each
 * region's surprisal is conditioned on the earlier regions of the same sentence only. The subject
 * must already have been given the reading-times task.
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
            for (SuiteCondition condition : item.conditions()) {
                List<PartResult> results = digest(suite, item, condition, subject);
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

    private static List<PartResult> digest(TestSuite suite, SuiteItem item, SuiteCondition condition, Subject subject) {
        String where = "suite " + suite.name() + ", item " + item.itemNumber() + ", condition " + condition.name();
        List<PartResult> results;
        try {
            results = subject.digestText(condition.regions());
        } catch (ScoringException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "subject " + subject.identifier() + " failed on "
                    + where + ": " + e, e);
        }
        if (results == null || results.size() != condition.regions().size()) {
            throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "subject " + subject.identifier() + " returned "
                    + (results == null ? "nothing" : results.size() + " results") + " for the "
                    + condition.regions().size() + " regions of " + where);
        }
        return results;
    }
}
