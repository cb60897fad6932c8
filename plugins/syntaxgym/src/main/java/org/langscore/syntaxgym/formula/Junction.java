package org.langscore.syntaxgym.formula;

import java.util.Objects;

/**
 * Two boolean terms joined by {@code &} (and) or {@code |} (or). Both sides are always evaluated;
 * evaluation has no side effects, so this only matters for speed.
 *
 * @param left the left operand
 * @param operator and or or
 * @param right the right operand
 */
public record Junction(BooleanTerm left, Operator operator, BooleanTerm right) implements BooleanTerm, BinaryTerm {
    public Junction {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(right, "right");
    }

    /** The logical operators of the formula grammar. */
    public enum Operator {
        /** {@code &} */
        AND,
        /** {@code |} */
        OR
    }

    @Override
    public boolean holds(RegionValues values) {
        boolean a = left.holds(values);
        boolean b = right.holds(values);
        return switch (operator) {
            case AND -> a && b;
            case OR -> a || b;
        };
    }

    @Override
    public String toString() {
        return "(" + left + (operator == Operator.AND ? " & " : " | ") + right + ")";
    }
}
