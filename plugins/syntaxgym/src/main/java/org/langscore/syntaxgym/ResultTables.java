package org.langscore.syntaxgym;

import java.util.ArrayList;
import java.util.List;

import org.langscore.spi.ItemTable;
import org.langscore.syntaxgym.suite.SuiteCondition;
import org.langscore.syntaxgym.suite.SuiteItem;

/**
 * The per-region and per-item tables kept with a score, so that it can be re-analysed without the
 * model.
 *
 * <ul>
 *   <li>{@code region}: suite, item, condition, region (1-based), content, surprisal (bits, summed over the
 *       region's tokens, NaN counted as 0: the value the formulas use), tokens (-1 when unknown)</li>
 *   <li>{@code item}: suite, item, passed, then prediction_1 ... prediction_K: whether each prediction held
 *       (null where a suite has fewer than K predictions)</li>
 * </ul>
 */
final class ResultTables {
    /** Columns of the per-region table. */
    static final List<String> REGION_COLUMNS =
            List.of("suite", "item", "condition", "region", "content", "surprisal", "tokens");

    private ResultTables() {
    }

    /** @return the per-region table and the per-item table of the outcomes, in suite order */
    static List<ItemTable> of(List<SuiteOutcome> outcomes) {
        return List.of(regionTable(outcomes), itemTable(outcomes));
    }

    static ItemTable regionTable(List<SuiteOutcome> outcomes) {
        List<List<Object>> rows = new ArrayList<>();
        for (SuiteOutcome outcome : outcomes) {
            List<SuiteItem> items = outcome.suite().items();
            for (int i = 0; i < items.size(); i++) {
                SuiteItem item = items.get(i);
                for (SuiteCondition condition : item.conditions()) {
                    for (int r = 1; r <= condition.regions().size(); r++) {
                        double surprisal = outcome.surprisals().surprisal(i, condition.name(), r);
                        rows.add(List.of(outcome.suite().name(), item.itemNumber(), condition.name(), r,
                                condition.region(r), ItemRegionValues.formulaValue(surprisal),
                                outcome.surprisals().tokenCount(i, condition.name(), r)));
                    }
                }
            }
        }
        return new ItemTable("region", REGION_COLUMNS, rows);
    }

    static ItemTable itemTable(List<SuiteOutcome> outcomes) {
        int predictionColumns = outcomes.stream().mapToInt(o -> o.suite().predictions().size()).max().orElse(0);
        List<String> columns = new ArrayList<>(List.of("suite", "item", "passed"));
        for (int p = 1; p <= predictionColumns; p++) {
            columns.add("prediction_" + p);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (SuiteOutcome outcome : outcomes) {
            for (ItemVerdict verdict : outcome.verdicts()) {
                List<Object> row = new ArrayList<>(columns.size());
                row.add(outcome.suite().name());
                row.add(verdict.itemNumber());
                row.add(verdict.passed());
                for (int p = 0; p < predictionColumns; p++) {
                    row.add(p < verdict.predictions().size() ? verdict.predictions().get(p) : null);
                }
                rows.add(row);
            }
        }
        return new ItemTable("item", columns, rows);
    }
}
