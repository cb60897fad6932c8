package org.langscore.syntaxgym.formula;

import java.util.OptionalInt;

/**
 * A recursive-descent parser for SyntaxGym prediction formulas (syntaxgym-core's grammar).
 *
 * <pre>
 * formula    := logical END                          (must be true/false)
 * logical    := comparison (('&amp;' | '|') comparison)*   left-associative
 * comparison := additive (('&lt;' | '&gt;' | '=') additive)?   not chainable
 * additive   := primary (('+' | '-') primary)*        left-associative
 * primary    := atom | number | '(' logical ')'
 * atom       := '(' (digits | '*') ';' '%' name '%' ')'   name: letters, digits, '_' and '-'
 * number     := ['+' | '-'] digits ['.' digits] [('e' | 'E') ['+' | '-'] digits]   (or '.' digits)
 * </pre>
 *
 * Whitespace may appear between any two tokens, including inside an atom around the region number,
 * and may trail. Operands are type-checked while parsing: {@code & |} join comparisons, comparisons
 * and {@code + -} take numbers. Errors carry the 1-based column. Instances are not thread-safe; the
 * static {@link #parse(String)} creates one per call.
 */
public final class FormulaParser {
    private final String text;
    private int position;

    private FormulaParser(String text) {
        this.text = text;
    }

    /**
     * Parses a formula.
     *
     * @param formula the formula text
     * @return the formula as a true/false term
     * @throws MalformedFormulaException naming the column of the first error
     */
    public static BooleanTerm parse(String formula) {
        FormulaParser parser = new FormulaParser(formula);
        Expression expression = parser.logical();
        parser.skipWhitespace();
        if (parser.position < formula.length()) {
            throw parser.error(parser.position, "unexpected '" + formula.charAt(parser.position)
                    + "' after a complete expression (a missing operator or an extra ')'?)");
        }
        if (!(expression instanceof BooleanTerm predicate)) {
            throw parser.error(0, "the formula is a number, not a comparison; a prediction must compare values"
                    + " with <, > or =");
        }
        return predicate;
    }

    private Expression logical() {
        Expression left = comparison();
        while (true) {
            skipWhitespace();
            Junction.Operator operator;
            if (peek('&')) {
                operator = Junction.Operator.AND;
            } else if (peek('|')) {
                operator = Junction.Operator.OR;
            } else {
                return left;
            }
            int operatorPosition = position++;
            Expression right = comparison();
            left = new Junction(asBoolean(left, operatorPosition), operator, asBoolean(right, operatorPosition));
        }
    }

    private Expression comparison() {
        Expression left = additive();
        skipWhitespace();
        Comparison.Operator operator = comparisonOperatorAt(position);
        if (operator == null) {
            return left;
        }
        int operatorPosition = position++;
        Expression right = additive();
        Comparison comparison = new Comparison(asNumber(left, operatorPosition), operator, asNumber(right, operatorPosition));
        skipWhitespace();
        if (comparisonOperatorAt(position) != null) {
            throw error(position, "comparisons cannot be chained; join them with & or | and parentheses");
        }
        return comparison;
    }

    private Comparison.Operator comparisonOperatorAt(int at) {
        if (at >= text.length()) {
            return null;
        }
        return switch (text.charAt(at)) {
            case '<' -> Comparison.Operator.LESS;
            case '>' -> Comparison.Operator.GREATER;
            case '=' -> Comparison.Operator.APPROXIMATELY_EQUAL;
            default -> null;
        };
    }

    private Expression additive() {
        Expression left = primary();
        while (true) {
            skipWhitespace();
            Arithmetic.Operator operator;
            if (peek('+')) {
                operator = Arithmetic.Operator.PLUS;
            } else if (peek('-')) {
                operator = Arithmetic.Operator.MINUS;
            } else {
                return left;
            }
            int operatorPosition = position++;
            Expression right = primary();
            left = new Arithmetic(asNumber(left, operatorPosition), operator, asNumber(right, operatorPosition));
        }
    }

    private Expression primary() {
        skipWhitespace();
        if (position >= text.length()) {
            throw error(position, "unexpected end of formula; expected a region (N;%condition%), a number or '('");
        }
        char c = text.charAt(position);
        if (c == '(') {
            return isAtomAhead() ? atom() : group();
        }
        if (Character.isDigit(c) || c == '.' || c == '+' || c == '-') {
            return number();
        }
        throw error(position, "unexpected '" + c + "'; expected a region (N;%condition%), a number or '('");
    }

    /** After '(': digits or '*', then optional whitespace and ';' make an atom; anything else a group. */
    private boolean isAtomAhead() {
        int at = skipWhitespaceFrom(position + 1);
        if (at < text.length() && text.charAt(at) == '*') {
            return true;
        }
        int digitsStart = at;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        if (at == digitsStart) {
            return false;
        }
        at = skipWhitespaceFrom(at);
        return at < text.length() && text.charAt(at) == ';';
    }

    private RegionReference atom() {
        int start = position;
        position++; // '('
        skipWhitespace();
        OptionalInt region;
        if (peek('*')) {
            position++;
            region = OptionalInt.empty();
        } else {
            int digitsStart = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            try {
                region = OptionalInt.of(Integer.parseInt(text.substring(digitsStart, position)));
            } catch (NumberFormatException e) {
                MalformedFormulaException error = error(digitsStart, "region number "
                        + text.substring(digitsStart, position) + " is too large");
                error.initCause(e);
                throw error;
            }
        }
        skipWhitespace();
        expect(';', "';' after the region number");
        expect('%', "'%' before the condition name");
        int nameStart = position;
        while (position < text.length() && isConditionNameCharacter(text.charAt(position))) {
            position++;
        }
        if (position == nameStart) {
            throw error(position, position < text.length()
                    ? "unexpected '" + text.charAt(position) + "'; a condition name (letters, digits, '_', '-') must follow '%'"
                    : "unexpected end of formula; a condition name must follow '%'");
        }
        String condition = text.substring(nameStart, position);
        expect('%', "'%' after the condition name '" + condition + "'");
        skipWhitespace();
        expect(')', "')' to close the region reference");
        return new RegionReference(region, condition, start + 1);
    }

    private static boolean isConditionNameCharacter(char c) {
        return (c < 128 && Character.isLetterOrDigit(c)) || c == '_' || c == '-';
    }

    private Expression group() {
        int open = position;
        position++; // '('
        Expression inner = logical();
        skipWhitespace();
        if (!peek(')')) {
            throw error(position, (position < text.length() ? "unexpected '" + text.charAt(position) + "'"
                    : "unexpected end of formula") + "; expected ')' to close the '(' at column " + (open + 1));
        }
        position++;
        return inner;
    }

    private NumberLiteral number() {
        int start = position;
        if (peek('+') || peek('-')) {
            position++;
        }
        int mantissaStart = position;
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        if (peek('.')) {
            position++;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
        }
        String mantissa = text.substring(mantissaStart, position);
        if (mantissa.isEmpty() || mantissa.equals(".")) {
            throw error(start, "'" + text.substring(start, Math.min(text.length(), start + 1))
                    + "' does not start a number; expected a region (N;%condition%), a number or '('");
        }
        if (peek('e') || peek('E')) {
            int exponentStart = position;
            position++;
            if (peek('+') || peek('-')) {
                position++;
            }
            int digitsStart = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (position == digitsStart) {
                throw error(exponentStart, "the exponent of a number needs digits");
            }
        }
        double value = Double.parseDouble(text.substring(start, position));
        if (!Double.isFinite(value)) {
            throw error(start, "number " + text.substring(start, position) + " is out of range");
        }
        return new NumberLiteral(value, start + 1);
    }

    private BooleanTerm asBoolean(Expression operand, int operatorPosition) {
        if (operand instanceof BooleanTerm term) {
            return term;
        }
        throw error(operatorPosition, "'" + text.charAt(operatorPosition) + "' joins comparisons, but its operand at column "
                + operand.column() + " is a number");
    }

    private NumericTerm asNumber(Expression operand, int operatorPosition) {
        if (operand instanceof NumericTerm term) {
            return term;
        }
        throw error(operatorPosition, "'" + text.charAt(operatorPosition) + "' takes numbers, but its operand at column "
                + operand.column() + " is a comparison (true/false)");
    }

    private void expect(char c, String what) {
        if (!peek(c)) {
            throw error(position, (position < text.length() ? "unexpected '" + text.charAt(position) + "'"
                    : "unexpected end of formula") + "; expected " + what);
        }
        position++;
    }

    private boolean peek(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private void skipWhitespace() {
        position = skipWhitespaceFrom(position);
    }

    private int skipWhitespaceFrom(int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private MalformedFormulaException error(int at, String problem) {
        return new MalformedFormulaException(text, at + 1, problem);
    }
}
