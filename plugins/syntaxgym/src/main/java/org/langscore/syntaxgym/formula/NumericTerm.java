package org.langscore.syntaxgym.formula;

/** A part of a formula that evaluates to a number: a region reference, a literal or a sum or difference. */
public sealed interface NumericTerm extends Expression permits RegionReference, NumberLiteral, Arithmetic {

    /** @return the value of the term for one item */
    double value(RegionValues values);
}
