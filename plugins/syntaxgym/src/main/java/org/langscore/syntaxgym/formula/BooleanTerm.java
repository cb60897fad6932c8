package org.langscore.syntaxgym.formula;

/** A part of a formula that is true or false: a comparison of two numbers, or two such parts joined by and/or. */
public sealed interface BooleanTerm extends Expression permits Comparison, Junction {

    /** @return whether the term holds for one item */
    boolean holds(RegionValues values);
}
