package org.langscore.syntaxgym.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.langscore.syntaxgym.SharedData;

class FormulaParserTest {

    /** Region values from a map "condition:region"; the sentence value is the sum of a condition's regions. */
    private static RegionValues values(Map<String, Double> byConditionAndRegion) {
        return new RegionValues() {
            @Override
            public double region(String condition, int regionNumber) {
                Double value = byConditionAndRegion.get(condition + ":" + regionNumber);
                if (value == null) {
                    throw new AssertionError("no value for " + condition + ":" + regionNumber);
                }
                return value;
            }

            @Override
            public double sentence(String condition) {
                return byConditionAndRegion.entrySet().stream().filter(e -> e.getKey().startsWith(condition + ":"))
                        .mapToDouble(Map.Entry::getValue).sum();
            }
        };
    }

    private static boolean holds(String formula, Map<String, Double> values) {
        return FormulaParser.parse(formula).holds(values(values));
    }

    @Test
    void everyFormulaOfEverySharedSuiteParses() {
        List<Path> files = new ArrayList<>(SharedData.suiteFiles());
        files.addAll(SharedData.extraSuiteFiles());
        assertEquals(34, files.size(), "33 suites in test_suites/json and the nn-nv-rpl demo in extra/");
        int formulas = 0;
        int references = 0;
        for (Path file : files) {
            JsonObject suite = SharedData.rawJson(file);
            for (JsonElement prediction : suite.getAsJsonArray("predictions")) {
                String formula = prediction.getAsJsonObject().get("formula").getAsString();
                BooleanTerm term = FormulaParser.parse(formula);
                // Every atom of the text is found: count "%...%" pairs independently of the parser.
                int atoms = (int) formula.chars().filter(c -> c == '%').count() / 2;
                assertEquals(atoms, term.references().size(), file + ": " + formula);
                for (RegionReference reference : term.references()) {
                    assertEquals('(', formula.charAt(reference.column() - 1), "column of " + reference + " in " + formula);
                    assertTrue(formula.startsWith("%" + reference.condition() + "%", formula.indexOf('%', reference.column() - 1)),
                            "condition of " + reference + " in " + formula);
                }
                references += atoms;
                formulas++;
            }
        }
        assertEquals(36, formulas, "34 predictions in the 33 suites and 2 in nn-nv-rpl");
        assertTrue(references > 100);
    }

    @Test
    void arithmeticBindsTighterThanComparisonWhichBindsTighterThanJunction() {
        Map<String, Double> v = Map.of("a:1", 3.0, "b:1", 1.0, "b:2", 1.5);
        // 3 - 1 + 1.5 = 3.5 (left-associative), not 3 - 2.5 = 0.5
        assertTrue(holds("(1;%a%) - (1;%b%) + (2;%b%) > 3", v));
        assertFalse(holds("(1;%a%) - ((1;%b%) + (2;%b%)) > 3", v));
        // & and | share one level, left to right: (false & true) | true = true; false & (true | true) = false
        assertTrue(holds("(1;%a%) < 0 & (1;%b%) > 0 | (2;%b%) > 0", v));
        assertFalse(holds("(1;%a%) < 0 & ((1;%b%) > 0 | (2;%b%) > 0)", v));
        assertTrue(holds("1 + 1 < (1;%a%) & (1;%a%) < 1 + 3", v));
    }

    @Test
    void comparisonsAreStrictAndEqualityIsApproximate() {
        assertFalse(holds("(1;%a%) < (1;%b%)", Map.of("a:1", 2.0, "b:1", 2.0)));
        assertFalse(holds("(1;%a%) > (1;%b%)", Map.of("a:1", 2.0, "b:1", 2.0)));
        // |a - b| <= 1e-3 + 1e-5 * |b|: with b = 100 the tolerance is 0.002
        assertTrue(holds("(1;%a%) = (1;%b%)", Map.of("a:1", 100.0019, "b:1", 100.0)));
        assertFalse(holds("(1;%a%) = (1;%b%)", Map.of("a:1", 100.0021, "b:1", 100.0)));
        assertTrue(holds("(1;%a%) = (1;%b%)", Map.of("a:1", 0.0, "b:1", 0.00099)));
        assertFalse(holds("(1;%a%) = (1;%b%)", Map.of("a:1", 0.0, "b:1", 0.0011)));
        // the tolerance is relative to the right operand, as numpy.isclose
        // (difference 0.01099995: within 1e-3 + 1e-5 * 1000 = 0.011, beyond 1e-3 + 1e-5 * 999.989 = 0.0109999)
        assertTrue(Comparison.approximatelyEqual(1000.0 - 0.01099995, 1000.0));
        assertFalse(Comparison.approximatelyEqual(1000.0, 1000.0 - 0.01099995));
        assertFalse(Comparison.approximatelyEqual(Double.NaN, 0.0));
    }

    @Test
    void numbersWholeSentencesAndWhitespaceVariants() {
        Map<String, Double> v = new HashMap<>(Map.of("c-1_x:1", 1.0, "c-1_x:2", 2.5, "c-1_x:3", 0.5));
        assertTrue(holds("(*;%c-1_x%) = 4", v));
        assertTrue(holds("(*;%c-1_x%)=4.0", v));
        assertTrue(holds(" ( * ;%c-1_x% ) > 3.99 ", v));
        assertTrue(holds("( 2 ;%c-1_x%)>(1;%c-1_x%)\t&\n(3;%c-1_x%) > -1", v));
        assertTrue(holds("(1;%c-1_x%) - 2 = -1", v));
        assertTrue(holds("(1;%c-1_x%) - -2 = +3", v));
        assertTrue(holds("(1;%c-1_x%)-2=-1", v));
        assertTrue(holds("(3;%c-1_x%) = 5e-1", v));
        assertTrue(holds("(3;%c-1_x%) = .5", v));
        assertTrue(holds("(3;%c-1_x%) < 1.", v));
        assertTrue(holds("(3;%c-1_x%) > 0.25E+0", v));
        assertTrue(holds("((((1;%c-1_x%))) + (2)) > ((2))", v));
        assertTrue(holds("(((1;%c-1_x%) > 0))", v));
    }

    @Test
    void theSuitesFormulasMeanWhatTheySay() {
        // cleft: ((6;np_mismatch) - (6;np_match)) + (((5;vp_mismatch) + (6;vp_mismatch)) - ((5;vp_match) + (6;vp_match))) > 0
        String cleft = "((6;%np_mismatch%)-(6;%np_match%))+(((5;%vp_mismatch%)+(6;%vp_mismatch%))-((5;%vp_match%)+(6;%vp_match%)))>0";
        Map<String, Double> v = new HashMap<>(Map.of("np_mismatch:6", 5.0, "np_match:6", 6.0, "vp_mismatch:5", 2.0,
                "vp_mismatch:6", 3.0, "vp_match:5", 1.0, "vp_match:6", 2.0));
        assertTrue(holds(cleft, v)); // -1 + (5 - 3) = 1 > 0
        v.put("np_match:6", 7.0);
        assertFalse(holds(cleft, v)); // -2 + 2 = 0, not > 0
    }

    @Test
    void malformedFormulasNameTheColumn() {
        assertColumn("(5;%a%) > ", 11, "end of formula");
        assertColumn("(5;%a%) >> (5;%b%)", 10, "unexpected '>'");
        assertColumn("(5;%a% > (5;%b%)", 8, "')' to close the region reference");
        assertColumn("(5;%a%) > (5;%b%))", 18, "unexpected ')'");
        assertColumn("((5;%a%) > (5;%b%)", 19, "expected ')' to close the '(' at column 1");
        assertColumn("(5;%%) > 1", 5, "condition name");
        assertColumn("(5;a) > 1", 4, "'%' before the condition name");
        assertColumn("(5;%a%) + 1", 1, "not a comparison");
        assertColumn("(5;%a%) < (5;%b%) < 3", 19, "cannot be chained");
        assertColumn("(5;%a%) & (5;%b%) > 1", 9, "'&' joins comparisons");
        assertColumn("((5;%a%) > 1) + 1 > 0", 15, "'+' takes numbers");
        assertColumn("(5;%a%) > 1e", 12, "exponent");
        assertColumn("(5;%a%) > - (5;%b%)", 11, "does not start a number");
        assertColumn("(5;%a%) ? 1", 9, "unexpected '?'");
        assertColumn("", 1, "end of formula");
        assertColumn("(5;%a b%) > 1", 6, "'%' after the condition name 'a'");
    }

    private static void assertColumn(String formula, int column, String problem) {
        MalformedFormulaException e = assertThrows(MalformedFormulaException.class, () -> FormulaParser.parse(formula),
                formula);
        assertEquals(column, e.column(), formula + ": " + e.getMessage());
        assertTrue(e.problem().contains(problem), formula + ": " + e.problem());
        assertEquals(formula, e.formula());
    }
}
