package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The work report books each weight product under its matrix shape, so a profile names the slow ones. */
class MatrixWorkTest {

    @Test
    void summaryHasALinePerMatrixShapeWithCallsWorkTimeAndRate() {
        // a shape no model of the test suite has: 2 x 10^7 x 5 x 7 = 0.7 GFLOP per call, 1 s each
        MatrixWork.product(10_000_000, 5, 7, 1_000_000_000L);
        MatrixWork.product(10_000_000, 5, 7, 1_000_000_000L);

        String summary = MatrixWork.summary();

        assertTrue(summary.contains("weight products [7 x 5]: 2 calls, 1.4 GFLOP in 2.00 s (0.7 GFLOP/s)"), summary);
    }
}
