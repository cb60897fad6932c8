package org.langscore.syntaxgym;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;

import org.langscore.syntaxgym.formula.RegionValues;
import org.langscore.syntaxgym.suite.Prediction;
import org.langscore.syntaxgym.suite.SuiteCondition;
import org.langscore.syntaxgym.suite.SuiteItem;
import org.langscore.syntaxgym.suite.TestSuite;

/**
 * Chooses region surprisals for the sentences of suites so that each item passes or fails as the test
 * wants: a seeded random search over small values (0, 1, 2, 3, each also plus 0.0005 so that the
 * approximate {@code =} can hold together with a strict {@code <}). One sentence text has one value
 * vector, as for a real model: a sentence shared by two conditions or suites is assigned once, which
 * can make a target unreachable (then the item keeps the result of its last try, and is listed).
 */
final class OracleAssignment {
    private static final double[] CHOICES = {0, 0.0005, 1, 1.0005, 2, 2.0005, 3};
    private static final int TRIES = 4_000;

    private final Map<List<String>, double[]> surprisals = new HashMap<>();
    private final Map<String, List<Boolean>> expectedPassed = new LinkedHashMap<>();
    private final List<String> unreachable = new ArrayList<>();
    private final Random random;

    OracleAssignment(long seed) {
        random = new Random(seed);
    }

    /** Assigns the sentences of a suite; item i should pass when the target says so. */
    void assign(TestSuite suite, IntPredicate target) {
        List<Boolean> passed = new ArrayList<>();
        for (int i = 0; i < suite.items().size(); i++) {
            SuiteItem item = suite.items().get(i);
            boolean wanted = target.test(i);
            Map<List<String>, double[]> tried = null;
            boolean result = false;
            for (int attempt = 0; attempt < TRIES; attempt++) {
                tried = new HashMap<>();
                for (SuiteCondition condition : item.conditions()) {
                    List<String> key = condition.regions();
                    if (!surprisals.containsKey(key) && !tried.containsKey(key)) {
                        double[] values = new double[key.size()];
                        for (int r = 0; r < values.length; r++) {
                            values[r] = CHOICES[random.nextInt(CHOICES.length)];
                        }
                        tried.put(key, values);
                    }
                }
                result = allHold(suite, item, tried);
                if (result == wanted || tried.isEmpty()) {
                    break;
                }
            }
            if (result != wanted) {
                unreachable.add(suite.name() + " item " + item.itemNumber());
            }
            surprisals.putAll(tried);
            passed.add(result);
        }
        expectedPassed.put(suite.name(), passed);
    }

    private boolean allHold(TestSuite suite, SuiteItem item, Map<List<String>, double[]> tried) {
        RegionValues values = new RegionValues() {
            private double[] vector(String condition) {
                List<String> key = item.condition(condition).orElseThrow().regions();
                double[] vector = surprisals.get(key);
                return vector != null ? vector : tried.get(key);
            }

            @Override
            public double region(String condition, int regionNumber) {
                return vector(condition)[regionNumber - 1];
            }

            @Override
            public double sentence(String condition) {
                double sum = 0;
                for (double v : vector(condition)) {
                    sum += v;
                }
                return sum;
            }
        };
        for (Prediction prediction : suite.predictions()) {
            if (!prediction.term().holds(values)) {
                return false;
            }
        }
        return true;
    }

    /** @return the table for a {@link LookupSubject} */
    Map<List<String>, double[]> surprisals() {
        return surprisals;
    }

    /** @return per suite, whether each item is expected to pass */
    Map<String, List<Boolean>> expectedPassed() {
        return expectedPassed;
    }

    /** @return the expected accuracy of a suite */
    double expectedAccuracy(String suite) {
        List<Boolean> passed = expectedPassed.get(suite);
        return (double) passed.stream().filter(p -> p).count() / passed.size();
    }

    /** @return the items whose target could not be reached, as "suite item N" */
    List<String> unreachable() {
        return unreachable;
    }
}
