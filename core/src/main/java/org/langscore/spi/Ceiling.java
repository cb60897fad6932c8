package org.langscore.spi;

import java.util.Objects;

/**
 * The best score a model can be expected to reach on a benchmark, usually from the consistency of
 * human subjects.
 *
 * @param value the ceiling, in the units of the raw score
 * @param uncertainty its uncertainty (NaN when unknown)
 * @param source where the value comes from (computed from which data, or the publication)
 */
public record Ceiling(double value, double uncertainty, String source) {
    public Ceiling {
        Objects.requireNonNull(source, "source");
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException("a ceiling must be a positive finite number, got " + value);
        }
    }
}
