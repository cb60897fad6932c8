package org.langscore.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SplitHalfConsistencyTest {

    @Test
    void identicalSubjectsAreFullyConsistent() {
        double[] item = {1, 5, 2, 8, 3};
        double[][] data = {item, item, item, item};
        SplitHalfConsistency.Result result = SplitHalfConsistency.compute(data, 10, 42);
        assertEquals(1.0, result.median(), 1e-12);
    }

    @Test
    void twoSubjectsGiveSpearmanBrownOfTheirCorrelation() {
        // With two subjects every split is {a} vs {b}: the result is 2r/(1+r) of their Pearson r.
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {2, 4, 5, 4, 5};
        double r = 6 / Math.sqrt(60);
        SplitHalfConsistency.Result result = SplitHalfConsistency.compute(new double[][] {a, b}, 5, 1);
        assertEquals(2 * r / (1 + r), result.median(), 1e-12);
    }

    @Test
    void seededAndMedianOfSplits() {
        Random random = new Random(7);
        double[][] data = new double[20][50];
        double[] truth = new double[50];
        for (int i = 0; i < 50; i++) {
            truth[i] = random.nextGaussian();
        }
        for (int s = 0; s < 20; s++) {
            for (int i = 0; i < 50; i++) {
                data[s][i] = s % 5 == 0 && i % 7 == 0 ? Double.NaN : truth[i] + 2 * random.nextGaussian();
            }
        }
        SplitHalfConsistency.Result first = SplitHalfConsistency.compute(data, 10, 3);
        SplitHalfConsistency.Result second = SplitHalfConsistency.compute(data, 10, 3);
        assertArrayEquals(first.splits(), second.splits(), 0);
        assertEquals(SplitHalfConsistency.median(first.splits()), first.median(), 0);
        assertTrue(first.median() > 0.5 && first.median() < 1.0, "consistency " + first.median());
        assertEquals(2.5, SplitHalfConsistency.median(new double[] {4, 1, 3, 2}), 0);
    }
}
