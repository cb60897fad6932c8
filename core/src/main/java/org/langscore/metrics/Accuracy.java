package org.langscore.metrics;

/** The fraction of items that pass. */
public final class Accuracy {
    private Accuracy() {
    }

    /**
     * @param passed whether each item passed
     * @return passed / total; NaN when there are no items
     */
    public static double of(boolean[] passed) {
        if (passed.length == 0) {
            return Double.NaN;
        }
        int count = 0;
        for (boolean p : passed) {
            if (p) {
                count++;
            }
        }
        return (double) count / passed.length;
    }
}
