package org.langscore.syntaxgym.formula;

import java.util.List;

/**
 * A number written in a formula, such as the {@code 0} of {@code ... > 0}.
 *
 * @param number the value
 * @param column the 1-based column where the literal starts
 */
public record NumberLiteral(double number, int column) implements NumericTerm {
    public NumberLiteral {
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("a number literal must be finite, got " + number);
        }
    }

    @Override
    public double value(RegionValues values) {
        return number;
    }

    @Override
    public List<RegionReference> references() {
        return List.of();
    }

    @Override
    public String toString() {
        return Double.toString(number);
    }
}
