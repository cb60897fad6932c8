package org.langscore.syntaxgym;

import org.langscore.syntaxgym.formula.RegionValues;
import org.langscore.syntaxgym.suite.SuiteCondition;
import org.langscore.syntaxgym.suite.SuiteItem;

/**
 * The region values of one item as formulas see them: a region's summed surprisal in bits, with NaN
 * (an empty region, or the sentence's first token, which has no prediction) counted as 0, as
 * Brain-Score does. Conditions are looked up by name.
 */
final class ItemRegionValues implements RegionValues {
    private final SuiteItem item;
    private final int itemIndex;
    private final SuiteSurprisals surprisals;

    ItemRegionValues(SuiteItem item, int itemIndex, SuiteSurprisals surprisals) {
        this.item = item;
        this.itemIndex = itemIndex;
        this.surprisals = surprisals;
    }

    /** @return the value a formula uses for a surprisal: NaN becomes 0 */
    static double formulaValue(double surprisal) {
        return Double.isNaN(surprisal) ? 0.0 : surprisal;
    }

    @Override
    public double region(String condition, int regionNumber) {
        requireCondition(condition);
        return formulaValue(surprisals.surprisal(itemIndex, condition, regionNumber));
    }

    @Override
    public double sentence(String condition) {
        SuiteCondition found = requireCondition(condition);
        double sum = 0;
        for (int r = 1; r <= found.regions().size(); r++) {
            sum += formulaValue(surprisals.surprisal(itemIndex, condition, r));
        }
        return sum;
    }

    private SuiteCondition requireCondition(String condition) {
        // The loader has checked every reference; a miss here is a bug.
        return item.condition(condition).orElseThrow(() -> new IllegalStateException(
                "item " + item.itemNumber() + " has no condition " + condition));
    }
}
