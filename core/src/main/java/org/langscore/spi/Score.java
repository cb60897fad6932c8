package org.langscore.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of evaluating one subject on one benchmark.
 *
 * @param benchmark the benchmark identifier (Brain-Score's where one exists)
 * @param benchmarkVersion the benchmark version
 * @param subject the subject identifier
 * @param value the ceiling-normalised score clipped to [0, 1] (the raw value when there is no ceiling)
 * @param unclippedValue the ceiling-normalised score before clipping
 * @param raw the raw metric value
 * @param ceiling the ceiling used, or NaN when the benchmark has none
 * @param uncertainty the uncertainty of the raw value where the metric has one, else NaN
 * @param subScores scores of the parts (per suite, per story), possibly empty
 * @param items per-item data behind the score, possibly empty
 * @param attributes how the score was computed (context policy, data version, ...)
 */
public record Score(String benchmark, int benchmarkVersion, String subject, double value, double unclippedValue,
                   double raw, double ceiling, double uncertainty, List<Score> subScores, List<ItemTable> items,
                   Map<String, String> attributes) {
    public Score {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(subject, "subject");
        subScores = List.copyOf(subScores);
        items = List.copyOf(items);
        attributes = Map.copyOf(attributes);
    }

    /** @return a copy with further attributes added (the new ones win) */
    public Score withAttributes(Map<String, String> more) {
        java.util.Map<String, String> merged = new java.util.TreeMap<>(attributes);
        merged.putAll(more);
        return new Score(benchmark, benchmarkVersion, subject, value, unclippedValue, raw, ceiling, uncertainty,
                subScores, items, merged);
    }
}
