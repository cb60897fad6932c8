package org.langscore.syntaxgym;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.langscore.metrics.Accuracy;
import org.langscore.syntaxgym.suite.Prediction;
import org.langscore.syntaxgym.suite.SuiteItem;
import org.langscore.syntaxgym.suite.TestSuite;

/**
 * A suite judged on a subject's surprisals: every prediction evaluated once per item.
 *
 * @param suite the suite
 * @param surprisals what the subject returned
 * @param verdicts one per item, in suite order
 */
record SuiteOutcome(TestSuite suite, SuiteSurprisals surprisals, List<ItemVerdict> verdicts) {
    SuiteOutcome {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(surprisals, "surprisals");
        verdicts = List.copyOf(verdicts);
    }

    /** Evaluates every prediction of the suite on every item. */
    static SuiteOutcome judge(TestSuite suite, SuiteSurprisals surprisals) {
        List<ItemVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < suite.items().size(); i++) {
            SuiteItem item = suite.items().get(i);
            ItemRegionValues values = new ItemRegionValues(item, i, surprisals);
            List<Boolean> results = new ArrayList<>();
            for (Prediction prediction : suite.predictions()) {
                results.add(prediction.term().holds(values));
            }
            verdicts.add(new ItemVerdict(item.itemNumber(), results));
        }
        return new SuiteOutcome(suite, surprisals, verdicts);
    }

    /** @return the fraction of items for which all predictions hold */
    double accuracy() {
        boolean[] passed = new boolean[verdicts.size()];
        for (int i = 0; i < passed.length; i++) {
            passed[i] = verdicts.get(i).passed();
        }
        return Accuracy.of(passed);
    }
}
