package org.langscore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PearsonCorrelationTest {

    @Test
    void knownVectors() {
        // By hand: x mean 3, y mean 4; cov = 2*2+(-1)(-1)... computed below as exact fractions.
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {2, 4, 5, 4, 5};
        // dx = -2,-1,0,1,2; dy = -2,0,1,0,1; sum dxdy = 4+0+0+0+2 = 6; sum dx2 = 10; sum dy2 = 6
        assertEquals(6 / Math.sqrt(60), PearsonCorrelation.of(x, y), 1e-15);
    }

    @Test
    void perfectAndInverse() {
        double[] x = {1, 2, 3};
        assertEquals(1.0, PearsonCorrelation.of(x, new double[] {10, 20, 30}), 0);
        assertEquals(-1.0, PearsonCorrelation.of(x, new double[] {3, 2, 1}), 0);
    }

    @Test
    void largeOffsetKeepsPrecision() {
        double[] x = {1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4, 1e9 + 5};
        double[] y = {2, 4, 5, 4, 5};
        assertEquals(6 / Math.sqrt(60), PearsonCorrelation.of(x, y), 1e-9);
    }

    @Test
    void constantIsNaNAndBadInputFails() {
        assertTrue(Double.isNaN(PearsonCorrelation.of(new double[] {1, 1}, new double[] {1, 2})));
        assertThrows(IllegalArgumentException.class, () -> PearsonCorrelation.of(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> PearsonCorrelation.of(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }
}
