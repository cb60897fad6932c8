package org.langscore.metrics;

/**
 * Pearson's product-moment correlation, computed with two passes (means first) in double precision
 * so that large offsets do not cost precision.
 */
public final class PearsonCorrelation {
    private PearsonCorrelation() {
    }

    /**
     * @param x the first variable
     * @param y the second variable, as long as {@code x}
     * @return r in [-1, 1]; NaN when either variable is constant or there are fewer than 2 pairs
     * @throws IllegalArgumentException when the lengths differ or a value is not finite
     */
    public static double of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Pearson r needs equal lengths, got " + x.length + " and " + y.length);
        }
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("Pearson r needs finite values; pair " + i + " is (" + x[i] + ", "
                        + y[i] + ")");
            }
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double covariance = 0;
        double varianceX = 0;
        double varianceY = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            covariance += dx * dy;
            varianceX += dx * dx;
            varianceY += dy * dy;
        }
        if (varianceX == 0 || varianceY == 0) {
            return Double.NaN;
        }
        double r = covariance / Math.sqrt(varianceX * varianceY);
        return Math.max(-1.0, Math.min(1.0, r));
    }
}
