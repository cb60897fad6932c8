package org.langscore.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.langscore.web.service.Leaderboard;

class LeaderboardBuilderTest {
    private static final double EPSILON = 1e-12;
    private static final Set<String> ENGINEERING = Set.of("engineering");

    private final List<Leaderboard.Model> models = List.of(
            new Leaderboard.Model(1, "alpha", "gpt2", 124_000_000L),
            new Leaderboard.Model(2, "beta", "llama", 1_100_000_000L),
            new Leaderboard.Model(3, "gamma", "gpt2", 355_000_000L),
            new Leaderboard.Model(4, "delta", null, null));
    private final List<Leaderboard.Benchmark> benchmarks = List.of(
            new Leaderboard.Benchmark("Futrell2018-pearsonr", 1, "behavior", 0.858, "reading times", null),
            new Leaderboard.Benchmark("reading-b", 2, "behavior", Double.NaN, null, null),
            new Leaderboard.Benchmark("reading-b", 1, "behavior", Double.NaN, null, null),
            new Leaderboard.Benchmark("syntaxgym-2020", 1, "engineering", Double.NaN, "suites", null),
            new Leaderboard.Benchmark("syntaxgym-mvrr", 1, "engineering", Double.NaN, "one suite", null));
    private final List<Leaderboard.Score> scores = List.of(
            score(10, 1, "Futrell2018-pearsonr", 1, "default", 0.6, 0.5),
            score(11, 1, "reading-b", 2, "default", 0.8, 0.8),
            score(12, 1, "reading-b", 1, "default", 0.1, 0.1),
            score(13, 2, "Futrell2018-pearsonr", 1, "sliding", 0.2, 0.2),
            score(14, 2, "Futrell2018-pearsonr", 1, "default", 0.9, 0.9),
            score(15, 3, "Futrell2018-pearsonr", 1, "default", 1.4, 1.2),
            new Leaderboard.Score(16, 1, "syntaxgym-2020", 1, "default", 0.7, 0.7,
                    List.of(new Leaderboard.Part("syntaxgym-npi", 0.25, 0.25), new Leaderboard.Part("syntaxgym-mvrr", 0.5, 0.5))),
            score(17, 2, "syntaxgym-mvrr", 1, "default", 0.75, 0.75));

    private static Leaderboard.Score score(long id, long model, String benchmark, int version, String policy, double value,
                                          double raw) {
        return new Leaderboard.Score(id, model, benchmark, version, policy, value, raw, List.of());
    }

    private LeaderboardView build(LeaderboardQuery query) {
        return LeaderboardBuilder.build(Leaderboard.compute(models, benchmarks, scores, ENGINEERING), query);
    }

    @Test
    void parentIsTheMeanWithMissingAsZeroAndRanksFollowTheAverage() {
        LeaderboardView board = build(LeaderboardQuery.DEFAULT);
        List<String> order = board.rows().stream().map(r -> r.model().identifier()).toList();
        // alpha (0.6 + 0.8) / 2 = 0.7; gamma clipped 1.0 / 2 = 0.5; beta (default policy) 0.9 / 2 = 0.45; delta 0.
        assertEquals(List.of("alpha", "gamma", "beta", "delta"), order);
        assertEquals(0.7, board.rows().get(0).average(), EPSILON);
        assertEquals(0.5, board.rows().get(1).cell("parent:behavior").value(), EPSILON);
        assertEquals(1.0, board.rows().get(1).cell("bench:Futrell2018-pearsonr").value(), EPSILON);
        assertEquals(0.45, board.rows().get(2).average(), EPSILON);
        assertEquals("/scores/14", board.rows().get(2).cell("bench:Futrell2018-pearsonr").href());
        assertEquals(List.of(1, 2, 3, 4), board.rows().stream().map(LeaderboardView.Row::rank).toList());
        // Only the latest version counts: alpha's reading-b v1 score is ignored.
        assertEquals("/scores/11", board.rows().get(0).cell("bench:reading-b").href());
    }

    @Test
    void engineeringShowsRawValuesOutsideTheAverageAndFoldsSuites() {
        LeaderboardView board = build(LeaderboardQuery.DEFAULT);
        List<String> keys = board.columns().stream().map(LeaderboardView.Column::key).toList();
        assertEquals(List.of("parent:behavior", "bench:Futrell2018-pearsonr", "bench:reading-b", "parent:engineering",
                "bench:syntaxgym-2020"), keys);
        LeaderboardView.Column group = board.columns().get(4);
        assertTrue(group.expandable());
        assertEquals(2, group.memberCount());
        assertEquals(0.7, board.rows().get(0).cell("parent:engineering").value(), EPSILON);
        assertEquals(List.of("behavior", "engineering"), board.parents().stream().map(LeaderboardView.ParentHeader::name).toList());

        LeaderboardView open = build(LeaderboardQuery.DEFAULT.toggled("syntaxgym-2020"));
        List<String> openKeys = open.columns().stream().map(LeaderboardView.Column::key).toList();
        assertEquals(List.of("bench:syntaxgym-2020", "bench:syntaxgym-mvrr", "bench:syntaxgym-npi"),
                openKeys.subList(4, 7));
        assertEquals("mvrr", open.columns().get(5).label());
        assertEquals(3, open.parents().get(0).span());
        assertEquals(4, open.parents().get(1).span());
        LeaderboardView.Row alpha = open.rows().get(0);
        assertEquals(0.25, alpha.cell("bench:syntaxgym-npi").value(), EPSILON);
        assertEquals("/scores/16#part-syntaxgym-npi", alpha.cell("bench:syntaxgym-npi").href());
        // beta's own suite score wins over a part.
        LeaderboardView.Row beta = open.rows().stream().filter(r -> r.model().identifier().equals("beta")).findFirst()
                .orElseThrow();
        assertEquals("/scores/17", beta.cell("bench:syntaxgym-mvrr").href());
        assertFalse(beta.cell("bench:syntaxgym-npi").present());
    }

    @Test
    void sortsAndFiltersWithMissingValuesLast() {
        LeaderboardQuery byFutrell = LeaderboardQuery.DEFAULT.sortedBy("bench:Futrell2018-pearsonr");
        assertEquals(List.of("gamma", "beta", "alpha", "delta"), names(build(byFutrell)));
        assertEquals(List.of("alpha", "beta", "gamma", "delta"), names(build(byFutrell.sortedBy("bench:Futrell2018-pearsonr"))));
        assertEquals(List.of("alpha", "beta", "delta", "gamma"), names(build(LeaderboardQuery.DEFAULT.sortedBy("model"))));

        LeaderboardQuery gpt2 = LeaderboardQuery.parse(null, null, "GPT", null, null, null, List.of());
        LeaderboardView filtered = build(gpt2);
        assertEquals(List.of("alpha", "gamma"), names(filtered));
        assertEquals(List.of(1, 2), filtered.rows().stream().map(LeaderboardView.Row::rank).toList());
        assertEquals(4, filtered.totalModels());
        assertEquals(List.of("beta"), names(build(LeaderboardQuery.parse(null, null, "", "LLAMA", null, null, List.of()))));
        assertEquals(List.of("gamma", "beta"), names(build(LeaderboardQuery.parse(null, null, "", "", "200M", null, List.of()))));
        assertEquals(List.of("alpha", "gamma"), names(build(LeaderboardQuery.parse(null, null, "", "", "", "0.5B", List.of()))));
        assertEquals(List.of("gpt2", "llama"), build(LeaderboardQuery.DEFAULT).architectures());
    }

    private static List<String> names(LeaderboardView board) {
        return board.rows().stream().map(r -> r.model().identifier()).toList();
    }
}
