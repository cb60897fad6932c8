package org.langscore.syntaxgym.suite;

import java.util.Objects;

import org.langscore.syntaxgym.formula.BooleanTerm;

/**
 * One prediction of a suite: a formula that should hold for every item.
 *
 * @param number the 1-based position of the prediction in the suite's {@code predictions} list
 * @param formula the formula as written in the suite file
 * @param term the parsed formula
 */
public record Prediction(int number, String formula, BooleanTerm term) {
    public Prediction {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(term, "term");
        if (number < 1) {
            throw new IllegalArgumentException("prediction numbers start at 1, got " + number);
        }
    }
}
