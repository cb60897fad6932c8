package org.langscore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CeilingAndAccuracyTest {

    @Test
    void normalisationClipsButKeepsUnclipped() {
        CeilingNormalization.Normalized above = CeilingNormalization.normalize(0.9, 0.6);
        assertEquals(1.0, above.value(), 0);
        assertEquals(1.5, above.unclipped(), 1e-15);
        CeilingNormalization.Normalized below = CeilingNormalization.normalize(-0.1, 0.5);
        assertEquals(0.0, below.value(), 0);
        assertEquals(-0.2, below.unclipped(), 1e-15);
        assertEquals(0.00853059 / 0.858, CeilingNormalization.normalize(0.00853059, 0.858).value(), 1e-15);
        assertTrue(Double.isNaN(CeilingNormalization.normalize(Double.NaN, 0.5).value()));
        assertThrows(IllegalArgumentException.class, () -> CeilingNormalization.normalize(0.5, 0));
    }

    @Test
    void accuracy() {
        assertEquals(0.75, Accuracy.of(new boolean[] {true, true, false, true}), 0);
        assertTrue(Double.isNaN(Accuracy.of(new boolean[0])));
    }

    @Test
    void spearmanBrownMatchesTwoROverOnePlusR() {
        for (double r : new double[] {-0.3, 0, 0.25, 0.5, 0.9}) {
            assertEquals(2 * r / (1 + r), SpearmanBrown.correct(r, 2), 1e-15);
        }
        // Tripling a test of reliability 0.5: 1.5 / 2 = 0.75.
        assertEquals(0.75, SpearmanBrown.correct(0.5, 3), 1e-15);
    }
}
