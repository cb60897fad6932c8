package org.langscore.syntaxgym.formula;

/**
 * A node of a parsed formula: either a {@link NumericTerm} or a {@link BooleanTerm} (those of two operands
 * are also {@link BinaryTerm}s).
 * Nodes are immutable and safe to share between threads.
 */
public sealed interface Expression permits NumericTerm, BooleanTerm, BinaryTerm {

    /** @return the 1-based column of the formula where the node starts */
    int column();

    /** @return the region references of the node, in formula order */
    java.util.List<RegionReference> references();
}
