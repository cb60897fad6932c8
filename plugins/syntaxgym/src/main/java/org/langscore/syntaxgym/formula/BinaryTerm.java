package org.langscore.syntaxgym.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * A node with two operands ({@link Arithmetic}, {@link Comparison}, {@link Junction}): it starts where its
 * left operand starts, and its region references are the left operand's, then the right's.
 */
public sealed interface BinaryTerm extends Expression permits Arithmetic, Comparison, Junction {

    /** @return the left operand */
    Expression left();

    /** @return the right operand */
    Expression right();

    @Override
    default int column() {
        return left().column();
    }

    @Override
    default List<RegionReference> references() {
        List<RegionReference> all = new ArrayList<>(left().references());
        all.addAll(right().references());
        return all;
    }
}
