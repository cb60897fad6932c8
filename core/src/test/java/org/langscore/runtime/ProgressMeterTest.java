package org.langscore.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressMeterTest {

    @Test
    void rateAndEtaFromAFakeClock() {
        AtomicLong clock = new AtomicLong(0);
        ProgressMeter meter = new ProgressMeter(clock::get);
        meter.update(100, 1100); // resumed at 100: not counted as speed
        clock.set(2_000_000_000L);
        meter.update(300, 1100);
        assertEquals(100.0, meter.ratePerSecond(), 1e-9);
        assertEquals(Duration.ofSeconds(8), meter.eta());
        String line = meter.render("stories", "words", 10);
        assertTrue(line.contains("300/1100 words"), line);
        assertTrue(line.contains("100.0 words/s"), line);
        assertTrue(line.contains("ETA 0:08"), line);
        assertEquals("1:01:01", ProgressMeter.format(Duration.ofSeconds(3661)));
    }

    @Test
    void unknownTotalHasNoEta() {
        ProgressMeter meter = new ProgressMeter(() -> 0);
        meter.update(5, -1);
        assertEquals(null, meter.eta());
        assertTrue(Double.isNaN(meter.fraction()));
    }
}
