package org.langscore.metrics;

/** The Spearman-Brown prophecy formula, which predicts reliability when a test is lengthened. */
public final class SpearmanBrown {
    private SpearmanBrown() {
    }

    /**
     * @param correlation the correlation between two halves
     * @param factor how many times longer the full test is than a half (2 for split-half)
     * @return {@code factor*r / (1 + (factor-1)*r)}
     */
    public static double correct(double correlation, double factor) {
        return factor * correlation / (1 + (factor - 1) * correlation);
    }
}
