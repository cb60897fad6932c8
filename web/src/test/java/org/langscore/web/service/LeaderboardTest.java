package org.langscore.web.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LeaderboardTest {
    private static final double EPSILON = 1e-12;
    private static final Set<String> ENGINEERING = Set.of("engineering");
    private static final List<Leaderboard.Model> MODELS = List.of(
            new Leaderboard.Model(1, "gpt2", "gpt2", 124_000_000L), new Leaderboard.Model(2, "tiny", null, null));
    private static final List<Leaderboard.Benchmark> BENCHMARKS = List.of(
            benchmark("Futrell2018-pearsonr", "behavior", null),
            benchmark("Futrell2018-pearsonr-story", "behavior", "Futrell2018-pearsonr"),
            benchmark("Pereira2018-encoding", "neural", null),
            benchmark("Blank2014-linear", "neural", null),
            benchmark("syntaxgym-mvrr", "engineering", null),
            benchmark("syntaxgym-npi", "engineering", null));

    private static Leaderboard.Benchmark benchmark(String identifier, String parent, String variantOf) {
        return new Leaderboard.Benchmark(identifier, 1, parent, Double.NaN, null, variantOf);
    }

    private static Leaderboard.Score score(long id, long model, String benchmark, String policy, double value,
                                           double raw) {
        return new Leaderboard.Score(id, model, benchmark, 1, policy, value, raw, List.of());
    }

    @Test
    void clipsBenchmarksAveragesParentsWithMissingAsZeroAndKeepsEngineeringOut() {
        List<Leaderboard.Score> scores = List.of(
                score(1, 1, "Futrell2018-pearsonr", "default", 1.3, 0.9),
                score(2, 1, "Pereira2018-encoding", "default", 0.4, 0.2),
                // Blank2014 missing: counts as 0 in "neural".
                score(3, 1, "syntaxgym-mvrr", "default", 0.7, 0.81),
                score(4, 2, "Futrell2018-pearsonr", "default", -0.2, -0.1),
                score(5, 2, "Pereira2018-encoding", "default", 0.3, 0.1),
                score(6, 2, "Blank2014-linear", "default", 0.5, 0.2));

        Leaderboard.Table table = Leaderboard.compute(MODELS, BENCHMARKS, scores, ENGINEERING);

        Leaderboard.Row gpt2 = table.rows().get(0);
        assertEquals("gpt2", gpt2.model());
        assertEquals(1, gpt2.rank());
        assertEquals(1.0, gpt2.cells().get("Futrell2018-pearsonr"), EPSILON, "clipped to 1");
        assertEquals(1.0, gpt2.cells().get("behavior"), EPSILON);
        assertNull(gpt2.cells().get("Blank2014-linear"), "a missing benchmark has no cell");
        assertEquals((0.4 + 0) / 2, gpt2.cells().get("neural"), EPSILON, "missing child counts as 0");
        assertEquals(0.81, gpt2.cells().get("syntaxgym-mvrr"), EPSILON, "engineering shows the raw value");
        assertEquals((0.81 + 0) / 2, gpt2.cells().get("engineering"), EPSILON);
        assertEquals((1.0 + 0.2) / 2, gpt2.average(), EPSILON, "engineering stays out of the average");
        assertEquals("/scores/1", gpt2.links().get("Futrell2018-pearsonr"));

        Leaderboard.Row tiny = table.rows().get(1);
        assertEquals(0.0, tiny.cells().get("Futrell2018-pearsonr"), EPSILON, "clipped to 0");
        assertEquals((0.3 + 0.5) / 2, tiny.cells().get("neural"), EPSILON);
        assertEquals((0.0 + 0.4) / 2, tiny.average(), EPSILON);
        assertEquals(0.0, tiny.cells().get("engineering"), EPSILON);
    }

    /** The drift of issue 14: a missing Futrell2018-pearsonr-story counted as 0 and halved behavior. */
    @Test
    void aModelWithOnlyFutrell2018HasBehaviorEqualToThatScore() {
        Leaderboard.Table table = Leaderboard.compute(MODELS.subList(0, 1), BENCHMARKS.subList(0, 2),
                List.of(score(1, 1, "Futrell2018-pearsonr", "default", 0.352, 0.302)), ENGINEERING);
        Leaderboard.Row row = table.rows().get(0);
        assertEquals(0.352, row.cells().get("behavior"), EPSILON);
        assertEquals(0.352, row.average(), EPSILON);

        // A score on the variant shows beside its parent and changes neither the parent nor the average.
        Leaderboard.Table both = Leaderboard.compute(MODELS.subList(0, 1), BENCHMARKS.subList(0, 2), List.of(
                score(1, 1, "Futrell2018-pearsonr", "default", 0.352, 0.302),
                score(2, 1, "Futrell2018-pearsonr-story", "default", 0.9, 0.8)), ENGINEERING);
        assertEquals(0.9, both.rows().get(0).cells().get("Futrell2018-pearsonr-story"), EPSILON);
        assertEquals(0.352, both.rows().get(0).cells().get("behavior"), EPSILON);
        assertEquals(Leaderboard.Kind.VARIANT, both.columns().stream()
                .filter(c -> c.id().equals("Futrell2018-pearsonr-story")).findFirst().orElseThrow().kind());
    }

    @Test
    void columnsListTheAverageThenEachParentBeforeItsBenchmarksAndVariants() {
        Leaderboard.Table table = Leaderboard.compute(List.of(), BENCHMARKS, List.of(), ENGINEERING);
        assertEquals(List.of("average", "behavior", "Futrell2018-pearsonr", "Futrell2018-pearsonr-story", "neural",
                        "Blank2014-linear", "Pereira2018-encoding", "engineering", "syntaxgym-mvrr", "syntaxgym-npi"),
                table.columns().stream().map(Leaderboard.Column::id).toList());
        assertEquals(0, table.rows().size());
    }

    @Test
    void oneRowPerModelPrefersTheDefaultPolicyAndGroupsFoldTheirMembers() {
        List<Leaderboard.Benchmark> benchmarks = List.of(benchmark("Futrell2018-pearsonr", "behavior", null),
                benchmark("syntaxgym-2020", "engineering", null), benchmark("syntaxgym-mvrr", "engineering", null));
        List<Leaderboard.Score> scores = List.of(
                score(1, 1, "Futrell2018-pearsonr", "sliding-window", 0.7, 0.4),
                score(2, 1, "Futrell2018-pearsonr", "default", 0.5, 0.3),
                new Leaderboard.Score(3, 1, "syntaxgym-2020", 1, "default", 0.6, 0.6,
                        List.of(new Leaderboard.Part("syntaxgym-mvrr", 0.5, 0.5))));
        Leaderboard.Table table = Leaderboard.compute(MODELS.subList(0, 1), benchmarks, scores, ENGINEERING);
        assertEquals(1, table.rows().size());
        Leaderboard.Row row = table.rows().get(0);
        assertEquals(0.5, row.average(), EPSILON);
        assertEquals(0.6, row.cells().get("engineering"), EPSILON, "the suite counts only through its group");
        assertEquals(0.5, row.cells().get("syntaxgym-mvrr"), EPSILON);
        assertEquals("/scores/3#part-syntaxgym-mvrr", row.links().get("syntaxgym-mvrr"));
        Leaderboard.Column member = table.columns().stream().filter(c -> c.id().equals("syntaxgym-mvrr")).findFirst()
                .orElseThrow();
        assertEquals(Leaderboard.Kind.MEMBER, member.kind());
        assertEquals("syntaxgym-2020", member.group());
        assertFalse(table.columns().stream().anyMatch(c -> c.kind() == Leaderboard.Kind.VARIANT));
    }

    @Test
    void bfloat16ScoresGetTheirOwnRowAndNeverMergeWithFloat32() {
        List<Leaderboard.Score> scores = List.of(
                score(1, 1, "Futrell2018-pearsonr", "default", 0.6, 0.6),
                new Leaderboard.Score(2, 1, "Futrell2018-pearsonr", 1, "default", 0.5, 0.5, List.of(), "bfloat16"),
                new Leaderboard.Score(3, 1, "Pereira2018-encoding", 1, "default", 0.4, 0.4, List.of(), "bfloat16"));

        Leaderboard.Table table = Leaderboard.compute(MODELS, BENCHMARKS, scores, ENGINEERING);

        assertEquals(3, table.rows().size(), "gpt2 in float32 and bfloat16, tiny in float32");
        Leaderboard.Row float32 = table.rows().stream()
                .filter(r -> r.model().equals("gpt2") && r.dtype().equals("float32")).findFirst().orElseThrow();
        Leaderboard.Row bfloat16 = table.rows().stream()
                .filter(r -> r.model().equals("gpt2") && r.dtype().equals("bfloat16")).findFirst().orElseThrow();
        assertEquals(0.6, float32.cells().get("Futrell2018-pearsonr"), EPSILON);
        assertNull(float32.cells().get("Pereira2018-encoding"), "a bfloat16 score never fills a float32 row");
        assertEquals("/scores/1", float32.links().get("Futrell2018-pearsonr"));
        assertEquals(0.5, bfloat16.cells().get("Futrell2018-pearsonr"), EPSILON);
        assertEquals(0.4, bfloat16.cells().get("Pereira2018-encoding"), EPSILON);
        assertEquals("/scores/2", bfloat16.links().get("Futrell2018-pearsonr"));
        assertEquals(List.of("float32"), table.rows().stream().filter(r -> r.model().equals("tiny"))
                .map(Leaderboard.Row::dtype).toList(), "no bfloat16 row without bfloat16 scores");
    }
}
