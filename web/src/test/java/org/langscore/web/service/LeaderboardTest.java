package org.langscore.web.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LeaderboardTest {
    private static final List<Leaderboard.BenchmarkColumn> BENCHMARKS = List.of(
            new Leaderboard.BenchmarkColumn("Futrell2018-pearsonr", "behavior"),
            new Leaderboard.BenchmarkColumn("Pereira2018-encoding", "neural"),
            new Leaderboard.BenchmarkColumn("Blank2014-linear", "neural"),
            new Leaderboard.BenchmarkColumn("syntaxgym-mvrr", "engineering"),
            new Leaderboard.BenchmarkColumn("syntaxgym-npi", "engineering"));

    @Test
    void clipsBenchmarksAveragesParentsWithMissingAsZeroAndKeepsEngineeringOut() {
        List<Leaderboard.Entry> entries = List.of(
                new Leaderboard.Entry(1, "gpt2", "default", "Futrell2018-pearsonr", 1.3, 0.9),
                new Leaderboard.Entry(1, "gpt2", "default", "Pereira2018-encoding", 0.4, 0.2),
                // Blank2014 missing: counts as 0 in "neural".
                new Leaderboard.Entry(1, "gpt2", "default", "syntaxgym-mvrr", 0.7, 0.81),
                new Leaderboard.Entry(2, "tiny", "default", "Futrell2018-pearsonr", -0.2, -0.1),
                new Leaderboard.Entry(2, "tiny", "default", "Pereira2018-encoding", 0.3, 0.1),
                new Leaderboard.Entry(2, "tiny", "default", "Blank2014-linear", 0.5, 0.2));

        Leaderboard.Table table = Leaderboard.compute(BENCHMARKS, entries, Set.of("engineering"));

        Leaderboard.Row gpt2 = table.rows().get(0);
        assertEquals("gpt2", gpt2.model());
        assertEquals(1.0, gpt2.cells().get("Futrell2018-pearsonr"), 1e-12, "clipped to 1");
        assertEquals(1.0, gpt2.cells().get("behavior"), 1e-12);
        assertNull(gpt2.cells().get("Blank2014-linear"), "a missing benchmark shows empty");
        assertEquals((0.4 + 0) / 2, gpt2.cells().get("neural"), 1e-12, "missing child counts as 0");
        assertEquals(0.81, gpt2.cells().get("syntaxgym-mvrr"), 1e-12, "engineering shows the raw value");
        assertEquals((0.81 + 0) / 2, gpt2.cells().get("engineering"), 1e-12);
        assertEquals((1.0 + 0.2) / 2, gpt2.average(), 1e-12, "engineering stays out of the average");

        Leaderboard.Row tiny = table.rows().get(1);
        assertEquals(0.0, tiny.cells().get("Futrell2018-pearsonr"), 1e-12, "clipped to 0");
        assertEquals((0.3 + 0.5) / 2, tiny.cells().get("neural"), 1e-12);
        assertEquals((0.0 + 0.4) / 2, tiny.average(), 1e-12);
        assertEquals(0.0, tiny.cells().get("engineering"), 1e-12);
    }

    @Test
    void columnsListTheAverageThenEachParentBeforeItsBenchmarks() {
        Leaderboard.Table table = Leaderboard.compute(BENCHMARKS, List.of(), Set.of("engineering"));
        assertEquals(List.of("average", "behavior", "Futrell2018-pearsonr", "engineering", "syntaxgym-mvrr",
                "syntaxgym-npi", "neural", "Blank2014-linear", "Pereira2018-encoding"),
                table.columns().stream().map(Leaderboard.Column::id).toList());
        assertEquals(0, table.rows().size());
    }

    @Test
    void policiesOfOneModelAreSeparateRows() {
        List<Leaderboard.Entry> entries = List.of(
                new Leaderboard.Entry(1, "gpt2", "default", "Futrell2018-pearsonr", 0.5, 0.3),
                new Leaderboard.Entry(1, "gpt2", "sliding-window", "Futrell2018-pearsonr", 0.7, 0.4));
        Leaderboard.Table table = Leaderboard.compute(BENCHMARKS.subList(0, 1), entries, Set.of());
        assertEquals(2, table.rows().size());
        assertEquals("sliding-window", table.rows().get(0).policy());
        assertEquals(0.7, table.rows().get(0).average(), 1e-12);
    }
}
