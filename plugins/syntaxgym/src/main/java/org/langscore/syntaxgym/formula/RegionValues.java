package org.langscore.syntaxgym.formula;

/**
 * The region values of one test-suite item that a formula reads: for SyntaxGym's {@code sum} metric,
 * the surprisal of a region in bits, summed over its tokens. Implementations decide how a missing
 * value (NaN) is treated before it reaches a formula.
 */
public interface RegionValues {

    /**
     * @param condition the condition name, as written between {@code %} signs
     * @param regionNumber the region number, 1-based as in the suites
     * @return the value of that region in that condition
     */
    double region(String condition, int regionNumber);

    /**
     * @param condition the condition name
     * @return the value of the whole sentence of that condition: the sum of all its regions
     */
    double sentence(String condition);
}
