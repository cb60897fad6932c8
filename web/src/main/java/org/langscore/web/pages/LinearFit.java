package org.langscore.web.pages;

import org.langscore.metrics.PearsonCorrelation;

/**
 * The least-squares line {@code y = intercept + slope * x} through points, with Pearson's r.
 *
 * @param intercept where the line crosses x = 0
 * @param slope the change of y per unit of x
 * @param r Pearson's correlation of the points, NaN when either variable is constant
 * @param n how many points
 */
public record LinearFit(double intercept, double slope, double r, int n) {

    /**
     * @param x the first variable (finite values)
     * @param y the second variable, as long as {@code x}
     * @throws IllegalArgumentException when the lengths differ, a value is not finite or there are fewer than 2 points
     */
    public static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("a fit needs equal lengths, got " + x.length + " and " + y.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("a fit needs at least 2 points, got " + x.length);
        }
        double r = PearsonCorrelation.of(x, y);
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < x.length; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= x.length;
        meanY /= x.length;
        double covariance = 0;
        double varianceX = 0;
        for (int i = 0; i < x.length; i++) {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            varianceX += (x[i] - meanX) * (x[i] - meanX);
        }
        double slope = varianceX == 0 ? 0 : covariance / varianceX;
        return new LinearFit(meanY - slope * meanX, slope, r, x.length);
    }

    /** @return the line's y at x */
    public double at(double x) {
        return intercept + slope * x;
    }
}
