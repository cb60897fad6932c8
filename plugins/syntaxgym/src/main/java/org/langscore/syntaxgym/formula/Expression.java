package org.langscore.syntaxgym.formula;

/**
 * A node of a parsed formula: either a {@link NumericTerm} or a {@link BooleanTerm}.
 * Nodes are immutable and safe to share between threads.
 */
public sealed interface Expression permits NumericTerm, BooleanTerm {

    /** @return the 1-based column of the formula where the node starts */
    int column();

    /** @return the region references of the node, in formula order */
    java.util.List<RegionReference> references();

    /** @return the region references of two operands, left's first */
    static java.util.List<RegionReference> references(Expression left, Expression right) {
        java.util.List<RegionReference> all = new java.util.ArrayList<>(left.references());
        all.addAll(right.references());
        return all;
    }
}
