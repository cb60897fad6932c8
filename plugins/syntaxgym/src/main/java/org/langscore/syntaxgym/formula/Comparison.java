package org.langscore.syntaxgym.formula;

import java.util.Objects;

/**
 * A comparison of two numeric terms. {@code <} and {@code >} are strict; {@code =} is approximate
 * equality as in syntaxgym-core and Brain-Score ({@code numpy.isclose(a, b, rtol=1e-5, atol=1e-3)}):
 * {@code |a - b| <= 1e-3 + 1e-5 * |b|}. A comparison with NaN is false.
 *
 * @param left the left operand
 * @param operator the relation
 * @param right the right operand
 */
public record Comparison(NumericTerm left, Operator operator, NumericTerm right) implements BooleanTerm, BinaryTerm {
    /** Absolute tolerance of {@code =}, as in syntaxgym-core. */
    public static final double EQUALITY_ABSOLUTE_TOLERANCE = 1e-3;
    /** Relative tolerance of {@code =} (relative to the right operand), as in syntaxgym-core. */
    public static final double EQUALITY_RELATIVE_TOLERANCE = 1e-5;

    public Comparison {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(right, "right");
    }

    /** The relations of the formula grammar. */
    public enum Operator {
        /** {@code <}, strict */
        LESS,
        /** {@code >}, strict */
        GREATER,
        /** {@code =}, approximate */
        APPROXIMATELY_EQUAL
    }

    @Override
    public boolean holds(RegionValues values) {
        double a = left.value(values);
        double b = right.value(values);
        return switch (operator) {
            case LESS -> a < b;
            case GREATER -> a > b;
            case APPROXIMATELY_EQUAL -> approximatelyEqual(a, b);
        };
    }

    /** @return {@code |a - b| <= 1e-3 + 1e-5 * |b|}, false when either is NaN */
    public static boolean approximatelyEqual(double a, double b) {
        return Math.abs(a - b) <= EQUALITY_ABSOLUTE_TOLERANCE + EQUALITY_RELATIVE_TOLERANCE * Math.abs(b);
    }

    @Override
    public String toString() {
        String symbol = switch (operator) {
            case LESS -> " < ";
            case GREATER -> " > ";
            case APPROXIMATELY_EQUAL -> " = ";
        };
        return "(" + left + symbol + right + ")";
    }
}
