package org.langscore.web.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Brain-Score's leaderboard rules, as plain computation:
 * <ul>
 *   <li>a benchmark's cell is its ceiling-normalised value clipped to [0, 1];</li>
 *   <li>a parent's cell is the mean of its children, a missing child counting as 0;</li>
 *   <li>the average is the mean of the parents, engineering parents left out;</li>
 *   <li>engineering benchmarks (SyntaxGym) show their raw values; their parent is the mean of those,
 *   a missing child counting as 0, and stays out of the average.</li>
 * </ul>
 * A missing benchmark cell is null (shown empty) even though it counts as 0 in its parent.
 */
public final class Leaderboard {
    private Leaderboard() {
    }

    /**
     * A benchmark column.
     *
     * @param identifier the benchmark identifier
     * @param parent its parent
     */
    public record BenchmarkColumn(String identifier, String parent) {
        public BenchmarkColumn {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(parent, "parent");
        }
    }

    /**
     * One successful score.
     *
     * @param modelId the model's database id
     * @param model the model's identifier
     * @param policy the context policy
     * @param benchmark the benchmark identifier
     * @param value the ceiling-normalised value
     * @param raw the raw value
     */
    public record Entry(long modelId, String model, String policy, String benchmark, double value, double raw) {
    }

    /**
     * A column of the table.
     *
     * @param id the benchmark identifier, the parent name, or "average"
     * @param kind "benchmark", "parent" or "average"
     * @param parent the parent of a benchmark column, else null
     * @param engineering whether the column shows raw values outside the average
     */
    public record Column(String id, String kind, String parent, boolean engineering) {
    }

    /**
     * A row: one model under one policy.
     *
     * @param modelId the model's database id
     * @param model the model's identifier
     * @param policy the context policy
     * @param average the mean of the non-engineering parents (null when there are none)
     * @param cells the value of each column by id (null where the model has no score)
     */
    public record Row(long modelId, String model, String policy, Double average, Map<String, Double> cells) {
    }

    /**
     * The leaderboard.
     *
     * @param columns the columns: the average, then each parent followed by its benchmarks
     * @param rows the rows, best average first
     */
    public record Table(List<Column> columns, List<Row> rows) {
    }

    /**
     * Computes the leaderboard.
     *
     * @param benchmarks the benchmark columns (latest versions)
     * @param entries the successful scores on those versions
     * @param engineeringParents the parents whose benchmarks are engineering ones
     */
    public static Table compute(List<BenchmarkColumn> benchmarks, List<Entry> entries, Set<String> engineeringParents) {
        Map<String, List<String>> children = new TreeMap<>();
        for (BenchmarkColumn benchmark : benchmarks) {
            children.computeIfAbsent(benchmark.parent(), p -> new ArrayList<>()).add(benchmark.identifier());
        }
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("average", "average", null, false));
        for (Map.Entry<String, List<String>> parent : children.entrySet()) {
            boolean engineering = engineeringParents.contains(parent.getKey());
            columns.add(new Column(parent.getKey(), "parent", null, engineering));
            parent.getValue().stream().sorted()
                    .forEach(id -> columns.add(new Column(id, "benchmark", parent.getKey(), engineering)));
        }
        Map<String, Map<String, Entry>> byRow = new LinkedHashMap<>();
        for (Entry entry : entries) {
            byRow.computeIfAbsent(entry.modelId() + "\u0000" + entry.policy(), k -> new LinkedHashMap<>())
                    .put(entry.benchmark(), entry);
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, Entry> scores : byRow.values()) {
            Entry any = scores.values().iterator().next();
            Map<String, Double> cells = new LinkedHashMap<>();
            double sum = 0;
            int counted = 0;
            for (Map.Entry<String, List<String>> parent : children.entrySet()) {
                boolean engineering = engineeringParents.contains(parent.getKey());
                double parentSum = 0;
                for (String id : parent.getValue()) {
                    Entry entry = scores.get(id);
                    Double cell = entry == null ? null : engineering ? finite(entry.raw()) : clip(entry.value());
                    cells.put(id, cell);
                    parentSum += cell == null ? 0 : cell;
                }
                double parentValue = parentSum / parent.getValue().size();
                cells.put(parent.getKey(), parentValue);
                if (!engineering) {
                    sum += parentValue;
                    counted++;
                }
            }
            Double average = counted == 0 ? null : sum / counted;
            cells.put("average", average);
            rows.add(new Row(any.modelId(), any.model(), any.policy(), average, cells));
        }
        rows.sort(Comparator.comparing((Row r) -> r.average() == null ? Double.NEGATIVE_INFINITY : r.average())
                .reversed().thenComparing(Row::model).thenComparing(Row::policy));
        return new Table(columns, rows);
    }

    private static Double clip(double value) {
        if (Double.isNaN(value)) {
            return null;
        }
        return Math.max(0, Math.min(1, value));
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
