package org.langscore.syntaxgym.formula;

/**
 * A formula that does not follow the grammar. The suite loader turns it into a
 * {@link org.langscore.spi.ScoringException} that also names the suite and prediction.
 */
public final class MalformedFormulaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String formula;
    private final int column;
    private final String problem;

    /**
     * @param formula the whole formula
     * @param column the 1-based column of the error
     * @param problem what is wrong there
     */
    public MalformedFormulaException(String formula, int column, String problem) {
        super("column " + column + ": " + problem + " in formula '" + formula + "'");
        this.formula = formula;
        this.column = column;
        this.problem = problem;
    }

    /** @return the whole formula */
    public String formula() {
        return formula;
    }

    /** @return the 1-based column (character offset plus one) of the error */
    public int column() {
        return column;
    }

    /** @return what is wrong, without the position */
    public String problem() {
        return problem;
    }
}
