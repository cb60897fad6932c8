package org.langscore.precomputed;

import java.util.List;
import java.util.Optional;

/**
 * What the value column of a precomputed file holds, recognised by the column's name, and how a value
 * becomes surprisal in bits (-log2 p).
 */
public enum ValueUnit {
    /** Surprisal in bits, {@code -log2 p}: columns {@code surprisal}, {@code surprisal_bits}. */
    SURPRISAL_BITS(List.of("surprisal_bits", "surprisal"), "surprisal in bits"),
    /** Surprisal in nats, {@code -ln p}: column {@code surprisal_nats}. */
    SURPRISAL_NATS(List.of("surprisal_nats"), "surprisal in nats, converted to bits"),
    /** Natural-log probability, {@code ln p} (the OpenAI API's convention): columns {@code logprob}, {@code logprob_ln}. */
    LOGPROB_NATURAL(List.of("logprob_ln", "logprob"), "natural-log probability, converted to bits"),
    /** Base-2 log probability, {@code log2 p}: columns {@code logprob_bits}, {@code log2prob}. */
    LOGPROB_BITS(List.of("logprob_bits", "log2prob"), "base-2 log probability, negated");

    private static final double LN_2 = Math.log(2);

    private final List<String> columns;
    private final String description;

    ValueUnit(List<String> columns, String description) {
        this.columns = columns;
        this.description = description;
    }

    /** @return the column names that carry this unit, in order of preference */
    public List<String> columns() {
        return columns;
    }

    /** @return what the values are, for the subject's settings */
    public String description() {
        return description;
    }

    /** @return the value converted to surprisal in bits */
    public double toBits(double value) {
        return switch (this) {
            case SURPRISAL_BITS -> value;
            case SURPRISAL_NATS -> value / LN_2;
            case LOGPROB_NATURAL -> -value / LN_2;
            case LOGPROB_BITS -> -value;
        };
    }

    /**
     * @param allowed the units the format accepts, in order of preference
     * @return the first unit whose column is in the header, with that column's name
     */
    static Optional<Column> find(List<String> header, List<ValueUnit> allowed) {
        for (ValueUnit unit : allowed) {
            for (String name : unit.columns) {
                if (header.contains(name)) {
                    return Optional.of(new Column(unit, name));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A value column found in a header.
     *
     * @param unit what it holds
     * @param name its name
     */
    record Column(ValueUnit unit, String name) {
    }
}
