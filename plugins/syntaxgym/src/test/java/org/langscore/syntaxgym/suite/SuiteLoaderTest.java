package org.langscore.syntaxgym.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;
import org.langscore.syntaxgym.SharedData;
import org.langscore.syntaxgym.formula.MalformedFormulaException;

class SuiteLoaderTest {
    /** items, conditions, regions, predictions per suite: the table of ../shared/data/syntaxgym/README.md. */
    private static final Map<String, int[]> COUNTS = new TreeMap<>();

    static {
        COUNTS.put("center_embed", new int[] {28, 2, 7, 1});
        COUNTS.put("center_embed_mod", new int[] {28, 2, 8, 1});
        COUNTS.put("cleft", new int[] {40, 4, 6, 1});
        COUNTS.put("cleft_modifier", new int[] {40, 4, 7, 1});
        COUNTS.put("fgd-embed3", new int[] {21, 4, 7, 1});
        COUNTS.put("fgd-embed4", new int[] {21, 4, 7, 1});
        COUNTS.put("fgd_hierarchy", new int[] {24, 6, 9, 2});
        COUNTS.put("fgd_object", new int[] {24, 4, 8, 1});
        COUNTS.put("fgd_pp", new int[] {24, 4, 8, 1});
        COUNTS.put("fgd_subject", new int[] {24, 4, 8, 1});
        COUNTS.put("mvrr", new int[] {28, 4, 6, 1});
        COUNTS.put("mvrr_mod", new int[] {28, 4, 7, 1});
        COUNTS.put("npi_orc_any", new int[] {38, 4, 9, 1});
        COUNTS.put("npi_orc_ever", new int[] {38, 4, 9, 1});
        COUNTS.put("npi_src_any", new int[] {38, 4, 9, 1});
        COUNTS.put("npi_src_ever", new int[] {38, 4, 9, 1});
        COUNTS.put("npz_ambig", new int[] {24, 4, 6, 1});
        COUNTS.put("npz_ambig_mod", new int[] {24, 4, 7, 1});
        COUNTS.put("npz_obj", new int[] {24, 4, 6, 1});
        COUNTS.put("npz_obj_mod", new int[] {24, 4, 7, 1});
        COUNTS.put("number_orc", new int[] {19, 4, 8, 1});
        COUNTS.put("number_prep", new int[] {19, 4, 7, 1});
        COUNTS.put("number_src", new int[] {19, 4, 8, 1});
        COUNTS.put("reflexive_orc_fem", new int[] {19, 4, 8, 1});
        COUNTS.put("reflexive_orc_masc", new int[] {19, 4, 8, 1});
        COUNTS.put("reflexive_prep_fem", new int[] {19, 4, 7, 1});
        COUNTS.put("reflexive_prep_masc", new int[] {19, 4, 7, 1});
        COUNTS.put("reflexive_src_fem", new int[] {19, 4, 8, 1});
        COUNTS.put("reflexive_src_masc", new int[] {19, 4, 8, 1});
        COUNTS.put("subordination", new int[] {23, 4, 3, 1});
        COUNTS.put("subordination_orc-orc", new int[] {23, 4, 5, 1});
        COUNTS.put("subordination_pp-pp", new int[] {23, 4, 5, 1});
        COUNTS.put("subordination_src-src", new int[] {23, 4, 5, 1});
    }

    @Test
    void loadsEverySuiteWithTheDocumentedCounts() {
        int items = 0;
        int sentences = 0;
        int predictions = 0;
        for (Path file : SharedData.suiteFiles()) {
            TestSuite suite = SuiteLoader.load(file);
            int[] expected = COUNTS.get(suite.name());
            assertEquals(SharedData.suiteName(file), suite.name());
            assertEquals(expected[0], suite.items().size(), suite.name() + " items");
            for (SuiteItem item : suite.items()) {
                assertEquals(expected[1], item.conditions().size(), suite.name() + " conditions");
                for (SuiteCondition condition : item.conditions()) {
                    assertEquals(expected[2], condition.regions().size(), suite.name() + " regions");
                }
            }
            assertEquals(expected[2], suite.regionNames().size());
            assertEquals(expected[3], suite.predictions().size(), suite.name() + " predictions");
            items += suite.items().size();
            sentences += suite.sentenceCount();
            predictions += suite.predictions().size();
        }
        assertEquals(841, items);
        assertEquals(3300, sentences);
        assertEquals(34, predictions);
        TestSuite demo = SuiteLoader.load(SharedData.extraSuiteFiles().get(0));
        assertEquals("nn-nv-rpl", demo.name());
        assertEquals(2, demo.predictions().size());
    }

    @Test
    void conditionsAreFoundByNameWhateverTheirOrder() {
        TestSuite suite = SuiteLoader.load(SharedData.dataDirectory().resolve("syntaxgym/test_suites/json/number_prep.json"));
        SuiteItem first = suite.items().get(0);
        SuiteItem second = suite.items().get(1);
        assertNotEquals(first.conditionNames(), second.conditionNames(), "item 2 lists its conditions in another order");
        assertEquals(first.conditions().size(), second.conditions().size());
        for (String name : first.conditionNames()) {
            assertEquals(name, second.condition(name).orElseThrow().name());
        }
    }

    @Test
    void keepsEmptyRegionsAndRegionOrder() {
        TestSuite cleft = SuiteLoader.load(SharedData.dataDirectory().resolve("syntaxgym/test_suites/json/cleft.json"));
        long empty = cleft.items().stream().flatMap(item -> item.conditions().stream())
                .flatMap(condition -> condition.regions().stream()).filter(String::isEmpty).count();
        assertTrue(empty > 0, "cleft has empty regions");
        var raw = SharedData.rawJson(SharedData.dataDirectory().resolve("syntaxgym/test_suites/json/cleft.json"));
        var rawRegions = raw.getAsJsonArray("items").get(0).getAsJsonObject().getAsJsonArray("conditions").get(0)
                .getAsJsonObject().getAsJsonArray("regions");
        SuiteCondition condition = cleft.items().get(0).conditions().get(0);
        for (var region : rawRegions) {
            int number = region.getAsJsonObject().get("region_number").getAsInt();
            assertEquals(region.getAsJsonObject().get("content").getAsString(), condition.region(number));
        }
    }

    @Test
    void aMalformedFormulaNamesSuitePredictionAndColumn(@TempDir Path dir) throws IOException {
        Path file = copyWithReplacement(dir, "number_prep", "((6;%match_sing%) < (6;%mismatch_sing%))",
                "((6;%match_sing%) < (6;mismatch_sing%))");
        ScoringException e = assertThrows(ScoringException.class, () -> SuiteLoader.load(file));
        assertEquals(ErrorCode.INVALID_DATA, e.code());
        assertTrue(e.getMessage().contains("suite number_prep"), e.getMessage());
        assertTrue(e.getMessage().contains("prediction 1"), e.getMessage());
        assertTrue(e.getMessage().contains("column 24"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getCause() instanceof MalformedFormulaException);
    }

    @Test
    void anUnknownConditionNamesTheItem(@TempDir Path dir) throws IOException {
        Path file = copyWithReplacement(dir, "number_prep", "(6;%mismatch_plural%)", "(6;%mismatch_plurals%)");
        ScoringException e = assertThrows(ScoringException.class, () -> SuiteLoader.load(file));
        assertEquals(ErrorCode.INVALID_DATA, e.code());
        assertTrue(e.getMessage().contains("suite number_prep, prediction 1, item 1: condition 'mismatch_plurals' at column"),
                e.getMessage());
    }

    @Test
    void aRegionBeyondTheSuiteIsRefused(@TempDir Path dir) throws IOException {
        Path file = copyWithReplacement(dir, "number_prep", "(6;%mismatch_plural%)", "(8;%mismatch_plural%)");
        ScoringException e = assertThrows(ScoringException.class, () -> SuiteLoader.load(file));
        assertTrue(e.getMessage().contains("region 8 at column"), e.getMessage());
        assertTrue(e.getMessage().contains("regions are 1 to 7"), e.getMessage());
    }

    @Test
    void missingOrMistypedFieldsAreNamed(@TempDir Path dir) throws IOException {
        Path noMetric = copyWithReplacement(dir, "cleft", "\"metric\": \"sum\"", "\"metric_\": \"sum\"");
        assertMessage(noMetric, "meta lacks the field 'metric'");
        Path mean = copyWithReplacement(dir, "center_embed", "\"metric\": \"sum\"", "\"metric\": \"mean\"");
        assertMessage(mean, "meta.metric is 'mean'");
        Path badNumber = copyWithReplacement(dir, "subordination", "\"item_number\": 2,", "\"item_number\": \"two\",");
        assertMessage(badNumber, "items[1].item_number must be an integer");
        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "{\"meta\": ");
        assertMessage(notJson, "is not valid JSON");
    }

    private static void assertMessage(Path file, String expected) {
        ScoringException e = assertThrows(ScoringException.class, () -> SuiteLoader.load(file));
        assertEquals(ErrorCode.INVALID_DATA, e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static Path copyWithReplacement(Path dir, String suite, String from, String to) throws IOException {
        String text = Files.readString(SharedData.dataDirectory().resolve("syntaxgym/test_suites/json/" + suite + ".json"),
                StandardCharsets.UTF_8);
        assertTrue(text.contains(from), suite + " contains " + from);
        Path file = dir.resolve(suite + "-" + Math.abs((from + to).hashCode()) + ".json");
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
        return file;
    }
}
