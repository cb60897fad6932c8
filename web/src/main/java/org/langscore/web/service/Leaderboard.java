package org.langscore.web.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brain-Score's leaderboard rules, as plain computation; the API ({@code /api/leaderboard}) and the
 * page ({@code /}) are both views of the {@link Table} it returns.
 * <ul>
 *   <li>Only the latest version of a benchmark counts; of a model's scores on it, the one under the
 *   {@value #DEFAULT_POLICY} policy, else the first policy by name.</li>
 *   <li>A benchmark's cell is its ceiling-normalised value clipped to [0, 1]; an engineering
 *   benchmark (SyntaxGym) shows its raw value.</li>
 *   <li>A parent's cell is the mean of its Brain-Score benchmarks, a missing score counting as 0.
 *   langscore's own variants ({@code Futrell2018-pearsonr-story}) are extra columns beside their
 *   parent's benchmarks and never count in it; group members (the suites of {@code syntaxgym-2020})
 *   are folded under their group and count only through it.</li>
 *   <li>The average is the mean of the parents, engineering parents left out.</li>
 *   <li>Every public model has a row; rows are ranked by average, equal averages sharing a place.</li>
 * </ul>
 */
public final class Leaderboard {
    /** The default precision of the weight products; every model has a row of it. */
    public static final String FLOAT32 = "float32";

    /** The policy preferred when a model has scores under several. */
    public static final String DEFAULT_POLICY = "default";

    /** The id of the average column. */
    public static final String AVERAGE = "average";

    /** Group benchmarks and the identifier prefix of their members. */
    public static final Map<String, String> GROUPS = Map.of("syntaxgym-2020", "syntaxgym-");

    private Leaderboard() {
    }

    /**
     * A public model.
     *
     * @param id the database id
     * @param identifier the unique name
     * @param architecture the architecture family, or null when unknown
     * @param parameterCount the parameter count, or null when unknown
     */
    public record Model(long id, String identifier, String architecture, Long parameterCount) {
        public Model {
            Objects.requireNonNull(identifier, "identifier");
        }
    }

    /**
     * A registered benchmark version.
     *
     * @param identifier the benchmark identifier
     * @param version its version
     * @param parent its parent in the benchmark tree ("behavior", "engineering")
     * @param ceiling its ceiling in raw units, NaN when none
     * @param description a one-line description, or null
     * @param variantOf the Brain-Score benchmark this is langscore's own variant of, or null
     */
    public record Benchmark(String identifier, int version, String parent, double ceiling, String description,
                            String variantOf) {
        public Benchmark {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(parent, "parent");
        }
    }

    /**
     * A successful score.
     *
     * @param id the score's database id
     * @param modelId the model's database id
     * @param benchmark the benchmark identifier
     * @param version the benchmark version
     * @param policy the context policy
     * @param value the ceiling-normalised value
     * @param raw the raw value
     * @param parts the sub-scores (per suite), possibly empty
     * @param dtype the precision of the weight products ("float32" or "bfloat16")
     */
    public record Score(long id, long modelId, String benchmark, int version, String policy, double value, double raw,
                        List<Part> parts, String dtype) {
        public Score {
            Objects.requireNonNull(benchmark, "benchmark");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(dtype, "dtype");
            parts = List.copyOf(parts);
        }

        /** A float32 score. */
        public Score(long id, long modelId, String benchmark, int version, String policy, double value, double raw,
                     List<Part> parts) {
            this(id, modelId, benchmark, version, policy, value, raw, parts, FLOAT32);
        }
    }

    /**
     * A sub-score of a score.
     *
     * @param benchmark the part's identifier ("syntaxgym-mvrr")
     * @param value its normalised value
     * @param raw its raw value
     */
    public record Part(String benchmark, double value, double raw) {
        public Part {
            Objects.requireNonNull(benchmark, "benchmark");
        }
    }

    /** What a column shows. */
    public enum Kind {
        /** The mean of the non-engineering parents. */
        AVERAGE,
        /** The mean of a parent's Brain-Score benchmarks. */
        PARENT,
        /** A Brain-Score benchmark (possibly a group of members). */
        BENCHMARK,
        /** A member of a group (a SyntaxGym suite of syntaxgym-2020); counted only through its group. */
        MEMBER,
        /** langscore's own variant of a benchmark: shown beside its parent, never counted in it. */
        VARIANT
    }

    /**
     * A column of the table.
     *
     * @param id the benchmark identifier, the parent name, or {@value #AVERAGE}
     * @param kind what it shows
     * @param parent the parent of a benchmark, member or variant column, else null
     * @param group the group of a member column, else null
     * @param engineering whether the column shows raw values outside the average
     * @param ceiling the benchmark's ceiling, or null when it has none
     * @param description the benchmark's description, or null
     */
    public record Column(String id, Kind kind, String parent, String group, boolean engineering, Double ceiling,
                         String description) {
        public Column {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A row: one model.
     *
     * @param rank the model's place by average (ties share a place; a model without an average comes last)
     * @param modelId the model's database id
     * @param model the model's identifier
     * @param architecture the model's architecture, or null
     * @param parameterCount the model's parameter count, or null
     * @param average the mean of the non-engineering parents (null when there are none)
     * @param cells the value of each column by id; a column without a value is absent
     * @param links the page of the score behind each benchmark, member and variant cell, by column id
     * @param dtype the precision of the row's scores: a model has a float32 row and, when it has
     *     bfloat16 scores, a separate bfloat16 row; the two are never merged
     */
    public record Row(int rank, long modelId, String model, String architecture, Long parameterCount, Double average,
                      Map<String, Double> cells, Map<String, String> links, String dtype) {
        public Row {
            cells = Map.copyOf(cells);
            links = Map.copyOf(links);
        }
    }

    /**
     * The leaderboard.
     *
     * @param columns the average, then each parent (the counted ones first, then the engineering ones, by
     *     name) followed by its benchmarks (each group followed by its members) and then its variants
     * @param rows the rows, by rank
     */
    public record Table(List<Column> columns, List<Row> rows) {
        public Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /**
     * Computes the leaderboard.
     *
     * @param models the public models
     * @param benchmarks the registered benchmark versions (older versions are ignored)
     * @param scores successful scores
     * @param engineeringParents the parents whose benchmarks show raw values and stay out of the average
     */
    public static Table compute(List<Model> models, List<Benchmark> benchmarks, List<Score> scores,
                                Set<String> engineeringParents) {
        Map<String, Benchmark> latest = new TreeMap<>();
        for (Benchmark benchmark : benchmarks) {
            latest.merge(benchmark.identifier(), benchmark, (a, b) -> a.version() >= b.version() ? a : b);
        }
        Map<String, List<String>> members = groupMembers(latest, scores);
        Set<String> folded = new TreeSet<>();
        members.values().forEach(folded::addAll);

        // Parents: the ones that count towards the average first, then the engineering ones.
        Comparator<String> countedFirst = Comparator.comparing(engineeringParents::contains);
        Map<String, ParentColumns> parents = new TreeMap<>(countedFirst.thenComparing(Comparator.naturalOrder()));
        for (Benchmark benchmark : latest.values()) {
            if (folded.contains(benchmark.identifier())) {
                continue;
            }
            ParentColumns parent = parents.computeIfAbsent(benchmark.parent(), p -> new ParentColumns());
            (benchmark.variantOf() == null ? parent.counted : parent.variants).add(benchmark);
        }

        List<Column> columns = columns(parents, members, latest, engineeringParents);
        List<Row> rows = new ArrayList<>();
        Map<String, List<Score>> byDtype = new TreeMap<>();
        byDtype.put(FLOAT32, new ArrayList<>());
        for (Score score : scores) {
            byDtype.computeIfAbsent(score.dtype(), d -> new ArrayList<>()).add(score);
        }
        for (Map.Entry<String, List<Score>> dtype : byDtype.entrySet()) {
            Map<Long, Map<String, Score>> chosen = chooseScores(dtype.getValue(), latest);
            for (Model model : models) {
                // Every model has its float32 row; another precision only where the model has scores in it.
                if (FLOAT32.equals(dtype.getKey()) || chosen.containsKey(model.id())) {
                    rows.add(row(model, chosen.getOrDefault(model.id(), Map.of()), parents, members,
                            engineeringParents, dtype.getKey()));
                }
            }
        }
        return new Table(columns, rank(rows));
    }

    /** A parent's benchmarks that count in its mean, and langscore's variants shown beside them. */
    private static final class ParentColumns {
        final List<Benchmark> counted = new ArrayList<>();
        final List<Benchmark> variants = new ArrayList<>();
    }

    private static List<Column> columns(Map<String, ParentColumns> parents, Map<String, List<String>> members,
                                        Map<String, Benchmark> latest, Set<String> engineeringParents) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(AVERAGE, Kind.AVERAGE, null, null, false, null, null));
        for (Map.Entry<String, ParentColumns> parent : parents.entrySet()) {
            String name = parent.getKey();
            boolean engineering = engineeringParents.contains(name);
            if (!parent.getValue().counted.isEmpty()) {
                columns.add(new Column(name, Kind.PARENT, null, null, engineering, null, null));
            }
            for (Benchmark benchmark : parent.getValue().counted) {
                columns.add(benchmarkColumn(benchmark, Kind.BENCHMARK, name, null, engineering));
                for (String member : members.getOrDefault(benchmark.identifier(), List.of())) {
                    Benchmark registered = latest.get(member);
                    columns.add(registered == null
                            ? new Column(member, Kind.MEMBER, name, benchmark.identifier(), engineering, null, null)
                            : benchmarkColumn(registered, Kind.MEMBER, name, benchmark.identifier(), engineering));
                }
            }
            for (Benchmark variant : parent.getValue().variants) {
                columns.add(benchmarkColumn(variant, Kind.VARIANT, name, null, engineering));
            }
        }
        return columns;
    }

    private static Column benchmarkColumn(Benchmark benchmark, Kind kind, String parent, String group,
                                          boolean engineering) {
        return new Column(benchmark.identifier(), kind, parent, group, engineering,
                Double.isNaN(benchmark.ceiling()) ? null : benchmark.ceiling(), benchmark.description());
    }

    private static Row row(Model model, Map<String, Score> own, Map<String, ParentColumns> parents,
                           Map<String, List<String>> members, Set<String> engineeringParents, String dtype) {
        Map<String, Double> cells = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        double parentSum = 0;
        int countedParents = 0;
        for (Map.Entry<String, ParentColumns> parent : parents.entrySet()) {
            boolean engineering = engineeringParents.contains(parent.getKey());
            double sum = 0;
            for (Benchmark benchmark : parent.getValue().counted) {
                Score score = own.get(benchmark.identifier());
                if (score != null) {
                    double value = shown(score.value(), score.raw(), engineering);
                    put(cells, links, benchmark.identifier(), value, scoreLink(score));
                    sum += Double.isNaN(value) ? 0 : value;
                }
                for (String member : members.getOrDefault(benchmark.identifier(), List.of())) {
                    memberCell(cells, links, member, own.get(member), score, engineering);
                }
            }
            for (Benchmark variant : parent.getValue().variants) {
                Score score = own.get(variant.identifier());
                if (score != null) {
                    put(cells, links, variant.identifier(), shown(score.value(), score.raw(), engineering),
                            scoreLink(score));
                }
            }
            if (parent.getValue().counted.isEmpty()) {
                continue;
            }
            double mean = sum / parent.getValue().counted.size();
            cells.put(parent.getKey(), mean);
            if (!engineering) {
                parentSum += mean;
                countedParents++;
            }
        }
        Double average = countedParents == 0 ? null : parentSum / countedParents;
        if (average != null) {
            cells.put(AVERAGE, average);
        }
        return new Row(0, model.id(), model.identifier(), model.architecture(), model.parameterCount(), average,
                cells, links, dtype);
    }

    private static void put(Map<String, Double> cells, Map<String, String> links, String id, double value, String link) {
        if (!Double.isNaN(value)) {
            cells.put(id, value);
        }
        links.put(id, link);
    }

    private static double shown(double value, double raw, boolean engineering) {
        if (engineering) {
            return Double.isFinite(raw) ? raw : Double.NaN;
        }
        return Double.isNaN(value) ? Double.NaN : Math.max(0.0, Math.min(1.0, value));
    }

    private static String scoreLink(Score score) {
        return "/scores/" + score.id();
    }

    /** A member's cell: its own score when it has one, else its part of the group's score. */
    private static void memberCell(Map<String, Double> cells, Map<String, String> links, String member, Score own,
                                   Score group, boolean engineering) {
        if (own != null) {
            put(cells, links, member, shown(own.value(), own.raw(), engineering), scoreLink(own));
            return;
        }
        if (group != null) {
            for (Part part : group.parts()) {
                if (part.benchmark().equals(member)) {
                    put(cells, links, member, shown(part.value(), part.raw(), engineering),
                            scoreLink(group) + "#part-" + member);
                    return;
                }
            }
        }
    }

    /** Picks, per model and benchmark, the score of the latest version under the preferred policy. */
    private static Map<Long, Map<String, Score>> chooseScores(List<Score> scores, Map<String, Benchmark> latest) {
        Map<Long, Map<String, Score>> chosen = new HashMap<>();
        for (Score score : scores) {
            Benchmark benchmark = latest.get(score.benchmark());
            if (benchmark == null || benchmark.version() != score.version()) {
                continue;
            }
            chosen.computeIfAbsent(score.modelId(), m -> new HashMap<>()).merge(score.benchmark(), score,
                    Leaderboard::preferred);
        }
        return chosen;
    }

    private static Score preferred(Score a, Score b) {
        if (DEFAULT_POLICY.equals(a.policy()) != DEFAULT_POLICY.equals(b.policy())) {
            return DEFAULT_POLICY.equals(a.policy()) ? a : b;
        }
        return a.policy().compareTo(b.policy()) <= 0 ? a : b;
    }

    /** The members of each registered group: registered benchmarks with its prefix, and its scores' parts. */
    private static Map<String, List<String>> groupMembers(Map<String, Benchmark> latest, List<Score> scores) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Map.Entry<String, String> group : new TreeMap<>(GROUPS).entrySet()) {
            if (!latest.containsKey(group.getKey())) {
                continue;
            }
            Set<String> found = new TreeSet<>();
            for (String identifier : latest.keySet()) {
                if (identifier.startsWith(group.getValue())) {
                    found.add(identifier);
                }
            }
            for (Score score : scores) {
                if (score.benchmark().equals(group.getKey())) {
                    score.parts().forEach(p -> found.add(p.benchmark()));
                }
            }
            found.remove(group.getKey());
            if (!found.isEmpty()) {
                members.put(group.getKey(), new ArrayList<>(found));
            }
        }
        return members;
    }

    /** Places by average, best first; equal averages share a place; a model without an average comes last. */
    private static List<Row> rank(List<Row> rows) {
        Comparator<Row> byAverage = Comparator.comparing((Row r) -> r.average() == null)
                .thenComparing(r -> r.average() == null ? 0.0 : -r.average())
                .thenComparing(Row::model).thenComparing(Row::dtype);
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(byAverage);
        List<Row> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Row row = sorted.get(i);
            int rank = i > 0 && Objects.equals(sorted.get(i - 1).average(), row.average()) ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new Row(rank, row.modelId(), row.model(), row.architecture(), row.parameterCount(),
                    row.average(), row.cells(), row.links(), row.dtype()));
        }
        return ranked;
    }
}
