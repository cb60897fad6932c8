package org.langscore.syntaxgym.formula;

/**
 * A node of a parsed formula: either a {@link NumericTerm} or a {@link BooleanTerm}.
 * Nodes are immutable and safe to share between threads.
 */
public sealed interface Expression permits NumericTerm, BooleanTerm {

    /** @return the 1-based column of the formula where the node starts */
    int column();
}
