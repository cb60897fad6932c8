package org.langscore.futrell2018;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumpyRandomStateTest {
    @Test
    void reproducesNumpyRandomStateZero() {
        // numpy 2.4.6: numpy.random.RandomState(0).random(3).tolist() and .random(10256)[-1]
        assertArrayEquals(new double[] {0.5488135039273248, 0.7151893663724195, 0.6027633760716439},
                NumpyRandomState.random(0, 3), 0.0);
        assertEquals(0.037992654423874894, NumpyRandomState.random(0, 10256)[10255], 0.0);
    }
}
