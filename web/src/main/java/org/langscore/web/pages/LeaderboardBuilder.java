package org.langscore.web.pages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.langscore.web.pages.LeaderboardView.Cell;
import org.langscore.web.pages.LeaderboardView.Column;
import org.langscore.web.pages.LeaderboardView.Kind;
import org.langscore.web.pages.LeaderboardView.ParentHeader;
import org.langscore.web.pages.LeaderboardView.Row;

/**
 * Computes the leaderboard with Brain-Score's rules. A behavioural benchmark shows its normalised
 * value clipped to [0, 1]; a parent is the mean of its benchmarks with a missing score counted as 0;
 * the average is the mean of the parents that are not engineering parents. Engineering benchmarks
 * (SyntaxGym) show their raw values and stay out of the average. A group benchmark (syntaxgym-2020)
 * folds its members (the suites, registered or found among its sub-scores) into one expandable
 * column. Of several scores of a model on a benchmark the latest benchmark version counts, and of
 * its policies "default" (else the first by name). Ranks are places by average among all models,
 * before filtering.
 */
public final class LeaderboardBuilder {
    /** The policy preferred when a model has scores under several. */
    public static final String DEFAULT_POLICY = "default";

    /** Group benchmarks and the identifier prefix of their members. */
    static final Map<String, String> GROUPS = Map.of("syntaxgym-2020", "syntaxgym-");

    private LeaderboardBuilder() {
    }

    /**
     * @param models every registered model
     * @param benchmarks the latest version of every registered benchmark
     * @param scores successful scores (others are ignored)
     * @param engineeringParents the parents whose benchmarks show raw values and stay out of the average
     * @param query the sort, filters and expanded groups
     */
    public static LeaderboardView build(List<BoardInput.Model> models, List<BoardInput.Benchmark> benchmarks,
                                        List<BoardInput.Score> scores, Set<String> engineeringParents,
                                        LeaderboardQuery query) {
        Map<String, BoardInput.Benchmark> latest = new TreeMap<>();
        for (BoardInput.Benchmark benchmark : benchmarks) {
            latest.merge(benchmark.identifier(), benchmark, (a, b) -> a.version() >= b.version() ? a : b);
        }
        Map<Long, Map<String, BoardInput.Score>> chosen = chooseScores(scores, latest);
        Map<String, List<String>> members = groupMembers(latest, scores);
        Set<String> folded = new TreeSet<>();
        members.values().forEach(folded::addAll);

        // Parents: the ones that count towards the average first, then the engineering ones.
        Map<String, List<BoardInput.Benchmark>> byParent = new TreeMap<>(Comparator
                .comparing((String p) -> engineeringParents.contains(p)).thenComparing(Comparator.naturalOrder()));
        for (BoardInput.Benchmark benchmark : latest.values()) {
            if (!folded.contains(benchmark.identifier())) {
                byParent.computeIfAbsent(benchmark.parent(), p -> new ArrayList<>()).add(benchmark);
            }
        }

        List<Row> rows = new ArrayList<>();
        for (BoardInput.Model model : models) {
            Map<String, BoardInput.Score> own = chosen.getOrDefault(model.id(), Map.of());
            Map<String, Cell> cells = new HashMap<>();
            double parentSum = 0;
            int countedParents = 0;
            for (Map.Entry<String, List<BoardInput.Benchmark>> parent : byParent.entrySet()) {
                boolean engineering = engineeringParents.contains(parent.getKey());
                double sum = 0;
                for (BoardInput.Benchmark benchmark : parent.getValue()) {
                    BoardInput.Score score = own.get(benchmark.identifier());
                    if (score != null) {
                        double value = shown(score.value(), score.raw(), engineering);
                        cells.put(LeaderboardView.benchmarkKey(benchmark.identifier()), new Cell(value, scoreHref(score)));
                        sum += Double.isNaN(value) ? 0 : value;
                    }
                    for (String member : members.getOrDefault(benchmark.identifier(), List.of())) {
                        Cell cell = memberCell(member, own.get(member), score, engineering);
                        if (cell != null) {
                            cells.put(LeaderboardView.benchmarkKey(member), cell);
                        }
                    }
                }
                double mean = sum / parent.getValue().size();
                cells.put(LeaderboardView.parentKey(parent.getKey()), new Cell(mean, ""));
                if (!engineering) {
                    parentSum += mean;
                    countedParents++;
                }
            }
            double average = countedParents == 0 ? Double.NaN : parentSum / countedParents;
            rows.add(new Row(0, model, average, cells));
        }

        List<Row> ranked = rank(rows);
        List<Row> shown = new ArrayList<>();
        for (Row row : ranked) {
            if (query.accepts(row.model().identifier(), row.model().architecture(), row.model().parameterCount())) {
                shown.add(row);
            }
        }
        shown.sort(order(query));

        List<ParentHeader> parents = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (Map.Entry<String, List<BoardInput.Benchmark>> parent : byParent.entrySet()) {
            boolean engineering = engineeringParents.contains(parent.getKey());
            int before = columns.size();
            String parentKey = LeaderboardView.parentKey(parent.getKey());
            columns.add(new Column(parentKey, Kind.PARENT, parent.getKey(), engineering
                    ? "Mean of the raw values of the " + parent.getKey() + " benchmarks (not in the average)"
                    : "Mean of the " + parent.getKey() + " benchmarks, a missing score counted as 0", "", false, false, 0,
                    sortHref(query, parentKey), "", arrow(query, parentKey)));
            for (BoardInput.Benchmark benchmark : parent.getValue()) {
                String key = LeaderboardView.benchmarkKey(benchmark.identifier());
                List<String> groupMembers = members.getOrDefault(benchmark.identifier(), List.of());
                boolean expandable = !groupMembers.isEmpty();
                boolean open = expandable && query.isOpen(benchmark.identifier());
                columns.add(new Column(key, Kind.BENCHMARK, benchmark.identifier(),
                        benchmark.description() == null ? benchmark.identifier() : benchmark.description(),
                        Double.isNaN(benchmark.ceiling()) ? "" : Cell.format(benchmark.ceiling()), expandable, open,
                        groupMembers.size(), sortHref(query, key),
                        expandable ? "/" + query.toggled(benchmark.identifier()).queryString() : "", arrow(query, key)));
                if (open) {
                    for (String member : groupMembers) {
                        String memberKey = LeaderboardView.benchmarkKey(member);
                        BoardInput.Benchmark registered = latest.get(member);
                        columns.add(new Column(memberKey, Kind.MEMBER, memberLabel(member, benchmark.identifier()),
                                registered != null && registered.description() != null ? registered.description() : member,
                                registered == null || Double.isNaN(registered.ceiling()) ? ""
                                        : Cell.format(registered.ceiling()),
                                false, false, 0, sortHref(query, memberKey), "", arrow(query, memberKey)));
                    }
                }
            }
            parents.add(new ParentHeader(parent.getKey(), engineering, columns.size() - before));
        }
        Set<String> architectures = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (BoardInput.Model model : models) {
            if (model.architecture() != null && !model.architecture().isBlank()) {
                architectures.add(model.architecture());
            }
        }
        return new LeaderboardView(query, parents, columns, shown, models.size(), new ArrayList<>(architectures));
    }

    private static double shown(double value, double raw, boolean engineering) {
        if (engineering) {
            return raw;
        }
        return Double.isNaN(value) ? Double.NaN : Math.max(0.0, Math.min(1.0, value));
    }

    private static String scoreHref(BoardInput.Score score) {
        return "/scores/" + score.id();
    }

    private static Cell memberCell(String member, BoardInput.Score own, BoardInput.Score group, boolean engineering) {
        if (own != null) {
            return new Cell(shown(own.value(), own.raw(), engineering), scoreHref(own));
        }
        if (group != null) {
            for (BoardInput.Part part : group.parts()) {
                if (part.benchmark().equals(member)) {
                    return new Cell(shown(part.value(), part.raw(), engineering), scoreHref(group) + "#part-" + member);
                }
            }
        }
        return null;
    }

    private static String memberLabel(String member, String group) {
        String prefix = GROUPS.get(group);
        String label = prefix != null && member.startsWith(prefix) ? member.substring(prefix.length()) : member;
        // A zero-width space after each underscore lets a narrow header break there, and nowhere else.
        return label.replace("_", "_\u200B");
    }

    /** Picks, per model and benchmark, the score of the latest version under the preferred policy. */
    private static Map<Long, Map<String, BoardInput.Score>> chooseScores(List<BoardInput.Score> scores,
                                                                       Map<String, BoardInput.Benchmark> latest) {
        Map<Long, Map<String, BoardInput.Score>> chosen = new HashMap<>();
        for (BoardInput.Score score : scores) {
            BoardInput.Benchmark benchmark = latest.get(score.benchmark());
            if (benchmark == null || benchmark.version() != score.version()) {
                continue;
            }
            chosen.computeIfAbsent(score.modelId(), m -> new HashMap<>()).merge(score.benchmark(), score,
                    LeaderboardBuilder::preferred);
        }
        return chosen;
    }

    private static BoardInput.Score preferred(BoardInput.Score a, BoardInput.Score b) {
        if (DEFAULT_POLICY.equals(a.policy()) != DEFAULT_POLICY.equals(b.policy())) {
            return DEFAULT_POLICY.equals(a.policy()) ? a : b;
        }
        return a.policy().compareTo(b.policy()) <= 0 ? a : b;
    }

    /** The members of each registered group: registered benchmarks with its prefix, and its scores' parts. */
    private static Map<String, List<String>> groupMembers(Map<String, BoardInput.Benchmark> latest,
                                                         List<BoardInput.Score> scores) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Map.Entry<String, String> group : new TreeMap<>(GROUPS).entrySet()) {
            if (!latest.containsKey(group.getKey())) {
                continue;
            }
            Set<String> found = new TreeSet<>();
            for (String identifier : latest.keySet()) {
                if (identifier.startsWith(group.getValue()) && !identifier.equals(group.getKey())) {
                    found.add(identifier);
                }
            }
            for (BoardInput.Score score : scores) {
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
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((Row r) -> Double.isNaN(r.average()))
                .thenComparing(Row::average, Comparator.reverseOrder())
                .thenComparing(r -> r.model().identifier()));
        List<Row> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Row row = sorted.get(i);
            int rank = i + 1;
            if (i > 0 && Double.compare(sorted.get(i - 1).average(), row.average()) == 0) {
                rank = ranked.get(i - 1).rank();
            }
            ranked.add(new Row(rank, row.model(), row.average(), row.cells()));
        }
        return ranked;
    }

    /** The asked order; rows without a value in the sort column come last either way; ties by name. */
    private static Comparator<Row> order(LeaderboardQuery query) {
        String key = query.sort();
        Comparator<Row> byName = Comparator.comparing(r -> r.model().identifier(), String.CASE_INSENSITIVE_ORDER);
        if (LeaderboardView.MODEL_KEY.equals(key)) {
            return query.descending() ? byName.reversed() : byName;
        }
        java.util.function.ToDoubleFunction<Row> value = LeaderboardView.AVERAGE_KEY.equals(key)
                || LeaderboardView.RANK_KEY.equals(key) ? Row::average : r -> r.cell(key).value();
        Comparator<Row> byValue = Comparator.comparingDouble(value);
        return Comparator.comparing((Row r) -> Double.isNaN(value.applyAsDouble(r)))
                .thenComparing(query.descending() ? byValue.reversed() : byValue)
                .thenComparing(byName);
    }

    private static String sortHref(LeaderboardQuery query, String key) {
        return "/" + query.sortedBy(key).queryString();
    }

    private static String arrow(LeaderboardQuery query, String key) {
        return !query.sort().equals(key) ? "" : query.descending() ? "▼" : "▲";
    }
}
