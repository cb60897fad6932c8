package org.langscore.syntaxgym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.ItemTable;
import org.langscore.spi.Score;
import org.langscore.syntaxgym.suite.SuiteCatalog;
import org.langscore.syntaxgym.suite.SuiteFile;
import org.langscore.syntaxgym.suite.SuiteLoader;
import org.langscore.syntaxgym.suite.TestSuite;

/**
 * Subjects that answer each sentence from a table chosen so that items pass or fail as wanted: the
 * benchmark must find each condition by name, each region by number, and count the items right.
 */
class OracleSubjectTest {
    private static final SyntaxGymConfig SHARED = new SyntaxGymConfig(Optional.of(SharedData.dataDirectory()),
            SuiteCatalog.DEFAULT_SOURCE);

    private static TestSuite load(SuiteFile file) {
        return SuiteLoader.load(SharedData.dataDirectory().resolve(file.relativePath()));
    }

    private static List<Boolean> passedColumn(Score score, String suite) {
        ItemTable items = score.items().stream().filter(t -> t.name().equals("item")).findFirst().orElseThrow();
        int suiteColumn = items.columnIndex("suite");
        int passedColumn = items.columnIndex("passed");
        List<Boolean> passed = new ArrayList<>();
        for (List<Object> row : items.rows()) {
            if (row.get(suiteColumn).equals(suite)) {
                passed.add((Boolean) row.get(passedColumn));
            }
        }
        return passed;
    }

    @Test
    void aSubjectThatMakesEveryPredictionTrueScoresOneExceptWhereTheDataForbidIt(@TempDir Path cache) {
        List<String> unreachable = new ArrayList<>();
        for (SuiteFile file : SuiteCatalog.all()) {
            TestSuite suite = load(file);
            OracleAssignment oracle = new OracleAssignment(2020);
            oracle.assign(suite, item -> true);
            unreachable.addAll(oracle.unreachable());
            LookupSubject subject = new LookupSubject(oracle.surprisals());
            Score score = new SuiteBenchmark(file, SHARED).evaluate(subject, EvaluationContext.simple(cache, Map.of()));
            assertEquals(suite.sentenceCount(), subject.calls());
            assertEquals(oracle.expectedAccuracy(suite.name()), score.value(), 0.0, suite.name());
            assertEquals(oracle.expectedPassed().get(suite.name()), passedColumn(score, suite.name()), suite.name());
            if (oracle.unreachable().isEmpty()) {
                assertEquals(1.0, score.value(), 0.0, suite.name());
            }
        }
        // Item 5 of mvrr and mvrr_mod has the same sentence in conditions reduced_ambig and reduced_unambig
        // (and in unreduced_ambig and unreduced_unambig), so "(5;%reduced_ambig%) > (5;%reduced_unambig%)"
        // can hold for no subject that gives one sentence one set of surprisals.
        assertEquals(List.of("mvrr item 5", "mvrr_mod item 5"), unreachable);
    }

    @Test
    void aSubjectThatPassesEveryOtherItemScoresTheFraction(@TempDir Path cache) {
        for (SuiteFile file : SuiteCatalog.all()) {
            TestSuite suite = load(file);
            OracleAssignment oracle = new OracleAssignment(7);
            oracle.assign(suite, item -> item % 2 == 0);
            Score score = new SuiteBenchmark(file, SHARED)
                    .evaluate(new LookupSubject(oracle.surprisals()), EvaluationContext.simple(cache, Map.of()));
            int items = suite.items().size();
            double evenItems = (items + 1) / 2;
            if (oracle.unreachable().isEmpty()) {
                assertEquals(evenItems / items, score.value(), 0.0, suite.name());
            }
            assertEquals(oracle.expectedAccuracy(suite.name()), score.value(), 0.0, suite.name());
            assertEquals(oracle.expectedPassed().get(suite.name()), passedColumn(score, suite.name()), suite.name());
        }
    }

    @Test
    void theAggregateIsThePlainMeanOfTheThirtyOneSuites(@TempDir Path cache) {
        // One table for all suites: sentences shared between suites (the fgd_* suites share many) get one
        // value vector, as from a real model; targets differ by suite so that the suites' accuracies differ.
        OracleAssignment oracle = new OracleAssignment(31);
        List<SuiteFile> files = SuiteCatalog.brainScore2020();
        for (int s = 0; s < files.size(); s++) {
            int modulus = 2 + s % 4;
            oracle.assign(load(files.get(s)), item -> item % modulus != 0);
        }
        LookupSubject subject = new LookupSubject(oracle.surprisals());
        Score score = new SyntaxGym2020Benchmark(SHARED).evaluate(subject, EvaluationContext.simple(cache, Map.of()));
        assertEquals(3132, subject.calls(), "3,132 sentences in the 31 suites");
        double sum = 0;
        for (int s = 0; s < files.size(); s++) {
            String suite = files.get(s).name();
            Score sub = score.subScores().get(s);
            assertEquals("syntaxgym-" + suite, sub.benchmark());
            assertEquals(oracle.expectedAccuracy(suite), sub.value(), 0.0, suite);
            assertEquals(oracle.expectedPassed().get(suite), passedColumn(score, suite), suite);
            sum += oracle.expectedAccuracy(suite);
        }
        assertEquals(31, score.subScores().size());
        assertEquals(sum / 31, score.value(), 1e-15);
        assertEquals(score.value(), score.raw());
        assertTrue(Double.isNaN(score.ceiling()));
        assertTrue(oracle.unreachable().size() < 40, "few targets are blocked by shared sentences: " + oracle.unreachable());
        assertEquals(799, score.items().get(1).rows().size(), "799 items");
    }
}
