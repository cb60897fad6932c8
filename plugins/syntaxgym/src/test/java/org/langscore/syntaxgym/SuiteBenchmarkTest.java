package org.langscore.syntaxgym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.ItemTable;
import org.langscore.spi.Score;
import org.langscore.spi.Subject;
import org.langscore.syntaxgym.suite.SuiteCatalog;
import org.langscore.syntaxgym.suite.SuiteFile;
import org.langscore.testing.FixedOutputSubject;

/**
 * Per-suite scores of fake subjects, checked against expectations computed here independently: the
 * suite read with gson, conditions found by name, and the suite's formula written out by hand in Java.
 */
class SuiteBenchmarkTest {
    private static final SyntaxGymConfig SHARED = new SyntaxGymConfig(Optional.of(SharedData.dataDirectory()),
            SuiteCatalog.DEFAULT_SOURCE);

    /** The region values of one raw item: condition name to region texts (region n at n - 1). */
    private record RawItem(int number, Map<String, List<String>> conditions) {
        /** The value a formula sees: the context-hash surprisal, NaN counted as 0. */
        double v(String condition, int region) {
            List<String> regions = conditions.get(condition);
            if (regions == null) {
                throw new AssertionError("item " + number + " has no condition " + condition);
            }
            double surprisal = ContextHashSubject.surprisal(regions, region - 1);
            return Double.isNaN(surprisal) ? 0 : surprisal;
        }
    }

    private static List<RawItem> rawItems(String suite) {
        JsonObject json = SharedData.rawJson(SharedData.dataDirectory().resolve("syntaxgym/test_suites/json/" + suite + ".json"));
        List<RawItem> items = new ArrayList<>();
        for (JsonElement item : json.getAsJsonArray("items")) {
            Map<String, List<String>> conditions = new HashMap<>();
            for (JsonElement condition : item.getAsJsonObject().getAsJsonArray("conditions")) {
                String[] regions = new String[condition.getAsJsonObject().getAsJsonArray("regions").size()];
                for (JsonElement region : condition.getAsJsonObject().getAsJsonArray("regions")) {
                    regions[region.getAsJsonObject().get("region_number").getAsInt() - 1] =
                            region.getAsJsonObject().get("content").getAsString();
                }
                conditions.put(condition.getAsJsonObject().get("condition_name").getAsString(), List.of(regions));
            }
            items.add(new RawItem(item.getAsJsonObject().get("item_number").getAsInt(), conditions));
        }
        return items;
    }

    private static Score evaluate(String suite, Subject subject, Path cache) {
        SuiteFile file = SuiteCatalog.named(suite).orElseThrow();
        return new SuiteBenchmark(file, SHARED).evaluate(subject, EvaluationContext.simple(cache, Map.of()));
    }

    private static ItemTable table(Score score, String name) {
        return score.items().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** Runs the context-hash subject on a suite and compares each item with the hand-written formula. */
    private static double checkAgainstHandWrittenFormula(String suite, Predicate<RawItem> formula, Path cache) {
        List<RawItem> items = rawItems(suite);
        List<Object> expectedPassed = new ArrayList<>();
        for (RawItem item : items) {
            expectedPassed.add(formula.test(item));
        }
        double expected = (double) expectedPassed.stream().filter(Boolean.TRUE::equals).count() / items.size();
        Score score = evaluate(suite, new ContextHashSubject(), cache);
        assertEquals(expected, score.value(), 0.0, suite);
        assertEquals(expected, score.raw(), 0.0, suite);
        assertEquals(expected, score.unclippedValue(), 0.0, suite);
        ItemTable itemTable = table(score, "item");
        assertEquals(expectedPassed, itemTable.rows().stream().map(row -> row.get(itemTable.columnIndex("passed"))).toList(),
                suite);
        return expected;
    }

    @Test
    void numberAgreementWithConditionsInVaryingOrder(@TempDir Path cache) {
        double accuracy = checkAgainstHandWrittenFormula("number_prep", item ->
                item.v("match_sing", 6) < item.v("mismatch_sing", 6)
                        && item.v("match_plural", 6) < item.v("mismatch_plural", 6), cache);
        assertTrue(accuracy > 0 && accuracy < 1, "the fake gives a mixed result: " + accuracy);
    }

    @Test
    void cleftWithArithmeticAndALiteral(@TempDir Path cache) {
        double accuracy = checkAgainstHandWrittenFormula("cleft", item ->
                (item.v("np_mismatch", 6) - item.v("np_match", 6))
                        + ((item.v("vp_mismatch", 5) + item.v("vp_mismatch", 6))
                        - (item.v("vp_match", 5) + item.v("vp_match", 6))) > 0, cache);
        assertTrue(accuracy > 0 && accuracy < 1, "the fake gives a mixed result: " + accuracy);
    }

    @Test
    void mvrrWithThreeConjuncts(@TempDir Path cache) {
        double accuracy = checkAgainstHandWrittenFormula("mvrr", item -> {
            double reducedAmbiguous = item.v("reduced_ambig", 5);
            double unreducedAmbiguous = item.v("unreduced_ambig", 5);
            double reducedUnambiguous = item.v("reduced_unambig", 5);
            double unreducedUnambiguous = item.v("unreduced_unambig", 5);
            return reducedAmbiguous > unreducedAmbiguous && reducedAmbiguous > reducedUnambiguous
                    && reducedAmbiguous - unreducedAmbiguous > reducedUnambiguous - unreducedUnambiguous;
        }, cache);
        assertTrue(accuracy > 0 && accuracy < 1, "the fake gives a mixed result: " + accuracy);
    }

    @Test
    void centerEmbeddingAndSubordination(@TempDir Path cache) {
        double center = checkAgainstHandWrittenFormula("center_embed", item ->
                item.v("plaus", 6) + item.v("plaus", 7) < item.v("implaus", 6) + item.v("implaus", 7), cache);
        assertTrue(center > 0 && center < 1, "the fake gives a mixed result: " + center);
        double subordination = checkAgainstHandWrittenFormula("subordination", item ->
                item.v("sub_no-matrix", 3) > item.v("no-sub_no-matrix", 3)
                        && item.v("sub_matrix", 3) < item.v("no-sub_matrix", 3), cache);
        assertTrue(subordination > 0 && subordination < 1, "the fake gives a mixed result: " + subordination);
    }

    @Test
    void fgdHierarchyWithTwoPredictionsAndApproximateEquality(@TempDir Path cache) {
        checkAgainstHandWrittenFormula("fgd_hierarchy", item ->
                item.v("what_nogap", 6) > item.v("that_nogap", 6) && item.v("what_subjgap", 6) < item.v("that_subjgap", 6)
                        && isClose(item.v("what_nogap", 9), item.v("that_nogap", 9))
                        && isClose(item.v("what_subjgap", 6), item.v("that_subjgap", 6)), cache);
    }

    /** numpy.isclose(a, b) with rtol 1e-5 and atol 1e-3. */
    private static boolean isClose(double a, double b) {
        return Math.abs(a - b) <= 1e-3 + 1e-5 * Math.abs(b);
    }

    @Test
    void aSubjectOfZerosOrNaNsFailsEveryStrictComparison(@TempDir Path cache) {
        // 0 everywhere makes every < and > false and every = true: an item passes only when its suite's
        // predictions contain no < or >, which no suite has. NaN counts as 0, so NaN everywhere is the same.
        for (SuiteFile file : SuiteCatalog.all()) {
            JsonObject raw = SharedData.rawJson(SharedData.dataDirectory().resolve(file.relativePath()));
            boolean onlyEqualities = true;
            for (JsonElement prediction : raw.getAsJsonArray("predictions")) {
                String formula = prediction.getAsJsonObject().get("formula").getAsString();
                onlyEqualities &= !formula.contains("<") && !formula.contains(">");
            }
            double expected = onlyEqualities ? 1.0 : 0.0;
            assertEquals(expected, evaluate(file.name(), new FixedOutputSubject("zero", part -> 0.0), cache).value(),
                    file.name());
            Score nan = evaluate(file.name(), new FixedOutputSubject("nan", part -> Double.NaN), cache);
            assertEquals(expected, nan.value(), file.name());
            ItemTable regions = table(nan, "region");
            int surprisal = regions.columnIndex("surprisal");
            assertTrue(regions.rows().stream().allMatch(row -> row.get(surprisal).equals(0.0)), "NaN is stored as 0");
        }
    }

    @Test
    void theTablesHoldEveryRegionAndItem(@TempDir Path cache) {
        ContextHashSubject subject = new ContextHashSubject();
        Score score = evaluate("npz_ambig", subject, cache);
        List<RawItem> items = rawItems("npz_ambig");
        assertEquals(96, subject.calls().size(), "one call per item and condition");
        ItemTable regions = table(score, "region");
        assertEquals(List.of("suite", "item", "condition", "region", "content", "surprisal", "tokens"), regions.columns());
        assertEquals(96 * 6, regions.rows().size());
        for (List<Object> row : regions.rows()) {
            RawItem item = items.stream().filter(i -> i.number() == (Integer) row.get(1)).findFirst().orElseThrow();
            String condition = (String) row.get(2);
            int region = (Integer) row.get(3);
            assertEquals("npz_ambig", row.get(0));
            assertEquals(item.conditions().get(condition).get(region - 1), row.get(4));
            assertEquals(item.v(condition, region), (Double) row.get(5), 0.0);
            assertEquals(item.conditions().get(condition).get(region - 1).isEmpty() ? 0 : 1, row.get(6));
        }
        assertTrue(regions.rows().stream().anyMatch(row -> "".equals(row.get(4))), "empty regions are kept");
        ItemTable itemTable = table(score, "item");
        assertEquals(List.of("suite", "item", "passed", "prediction_1"), itemTable.columns());
        assertEquals(24, itemTable.rows().size());
        for (List<Object> row : itemTable.rows()) {
            assertEquals(row.get(2), row.get(3), "one prediction: passed is its result");
        }
        assertEquals("24", score.attributes().get("items"));
        assertEquals("96", score.attributes().get("sentences"));
        assertEquals("npz_ambig", score.attributes().get("suite"));
    }
}
