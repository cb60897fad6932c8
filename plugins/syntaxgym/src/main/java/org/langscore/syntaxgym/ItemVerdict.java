package org.langscore.syntaxgym;

import java.util.List;

/**
 * Whether each prediction of a suite holds for one item.
 *
 * @param itemNumber the item number from the suite file
 * @param predictions per prediction, in suite order, whether it holds
 */
record ItemVerdict(int itemNumber, List<Boolean> predictions) {
    ItemVerdict {
        predictions = List.copyOf(predictions);
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("item " + itemNumber + " has no prediction results");
        }
    }

    /** @return true when all predictions hold, Brain-Score's criterion for a correct item */
    boolean passed() {
        return !predictions.contains(Boolean.FALSE);
    }
}
