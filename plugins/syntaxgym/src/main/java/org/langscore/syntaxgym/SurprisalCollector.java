package org.langscore.syntaxgym;

import java.util.ArrayList;
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
 * Feeds every sentence of a suite to a subject: whole items, as many as fit in {@value #TEXTS_PER_CALL}
 * texts, go to one {@link Subject#digestTexts(List)} call, every condition of every item an independent
 * text (so that a subject that batches can pack many short sentences into each forward pass and share
 * what conditions have in common), each condition's regions (empty ones included) as the parts, so that
 * each region's surprisal is conditioned on the earlier regions of the same sentence only. The subject
 * must already have been given the reading-times task.
 */
final class SurprisalCollector {
    /** The most texts (conditions) one call hands the subject, unless one item has more. */
    static final int TEXTS_PER_CALL = 128;

    private SurprisalCollector() {
    }

    /**
     * @throws ScoringException with {@link ErrorCode#CANCELLED} when the context asks to stop (checked
     *     before every item is handed to the subject), or naming the suite, item and condition when the
     *     subject fails
     */
    static SuiteSurprisals collect(TestSuite suite, Subject subject, EvaluationContext context, ItemProgress progress,
                                   String stage) {
        SuiteSurprisals surprisals = new SuiteSurprisals(suite);
        List<SuiteItem> items = suite.items();
        progress.report(stage);
        int first = 0;
        while (first < items.size()) {
            int end = first;
            int texts = 0;
            while (end < items.size()
                    && (end == first || texts + items.get(end).conditions().size() <= TEXTS_PER_CALL)) {
                context.checkCancelled();
                texts += items.get(end).conditions().size();
                end++;
            }
            List<List<List<PartResult>>> results = digest(suite, items.subList(first, end), subject);
            for (int i = first; i < end; i++) {
                SuiteItem item = items.get(i);
                List<List<PartResult>> itemResults = results.get(i - first);
                for (int c = 0; c < item.conditions().size(); c++) {
                    List<PartResult> regions = itemResults.get(c);
                    double[] values = new double[regions.size()];
                    int[] tokens = new int[regions.size()];
                    for (int r = 0; r < regions.size(); r++) {
                        values[r] = regions.get(r).readingTime();
                        tokens[r] = regions.get(r).tokenCount();
                    }
                    surprisals.put(i, item.conditions().get(c).name(), values, tokens);
                }
                progress.advance(stage);
            }
            first = end;
        }
        return surprisals;
    }

    /** @return per item, per condition of the item, in order, one result per region */
    private static List<List<List<PartResult>>> digest(TestSuite suite, List<SuiteItem> items, Subject subject) {
        List<List<String>> texts = new ArrayList<>();
        for (SuiteItem item : items) {
            item.conditions().forEach(condition -> texts.add(condition.regions()));
        }
        List<List<PartResult>> results;
        try {
            results = subject.digestTexts(texts);
        } catch (ScoringException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "subject " + subject.identifier() + " failed on "
                    + "suite " + suite.name() + ", " + describe(items) + " (" + texts.size() + " conditions): " + e, e);
        }
        if (results == null || results.size() != texts.size()) {
            throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "subject " + subject.identifier() + " returned "
                    + (results == null ? "nothing" : results.size() + " texts") + " for the " + texts.size()
                    + " conditions of suite " + suite.name() + ", " + describe(items));
        }
        List<List<List<PartResult>>> perItem = new ArrayList<>(items.size());
        int at = 0;
        for (SuiteItem item : items) {
            for (SuiteCondition condition : item.conditions()) {
                List<PartResult> regions = results.get(at);
                if (regions == null || regions.size() != condition.regions().size()) {
                    throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "subject " + subject.identifier()
                            + " returned " + (regions == null ? "nothing" : regions.size() + " results") + " for the "
                            + condition.regions().size() + " regions of suite " + suite.name() + ", item "
                            + item.itemNumber() + ", condition " + condition.name());
                }
                at++;
            }
            perItem.add(results.subList(at - item.conditions().size(), at));
        }
        return perItem;
    }

    private static String describe(List<SuiteItem> items) {
        int first = items.get(0).itemNumber();
        int last = items.get(items.size() - 1).itemNumber();
        return items.size() == 1 ? "item " + first : "items " + first + " to " + last;
    }
}
