package org.langscore.syntaxgym.formula;

import java.util.Objects;

/**
 * The sum or difference of two numeric terms.
 *
 * @param left the left operand
 * @param operator plus or minus
 * @param right the right operand
 */
public record Arithmetic(NumericTerm left, Operator operator, NumericTerm right) implements NumericTerm, BinaryTerm {
    public Arithmetic {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(right, "right");
    }

    /** The arithmetic operators of the formula grammar. */
    public enum Operator {
        /** {@code +} */
        PLUS,
        /** {@code -} */
        MINUS
    }

    @Override
    public double value(RegionValues values) {
        double a = left.value(values);
        double b = right.value(values);
        return switch (operator) {
            case PLUS -> a + b;
            case MINUS -> a - b;
        };
    }

    @Override
    public String toString() {
        return "(" + left + (operator == Operator.PLUS ? " + " : " - ") + right + ")";
    }
}
