package org.langscore.metrics;

/** Divides a raw score by its ceiling and clips to [0, 1], keeping the unclipped value. */
public final class CeilingNormalization {
    private CeilingNormalization() {
    }

    /**
     * A normalised score.
     *
     * @param value the normalised value clipped to [0, 1] (NaN stays NaN)
     * @param unclipped raw / ceiling before clipping
     */
    public record Normalized(double value, double unclipped) {
    }

    /**
     * @param raw the raw score
     * @param ceiling the ceiling, positive
     */
    public static Normalized normalize(double raw, double ceiling) {
        if (!(ceiling > 0)) {
            throw new IllegalArgumentException("the ceiling must be positive, got " + ceiling);
        }
        double unclipped = raw / ceiling;
        double clipped = Double.isNaN(unclipped) ? Double.NaN : Math.max(0.0, Math.min(1.0, unclipped));
        return new Normalized(clipped, unclipped);
    }
}
