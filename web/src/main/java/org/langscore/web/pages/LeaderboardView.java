package org.langscore.web.pages;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.langscore.web.service.Leaderboard;

/**
 * The leaderboard as the page shows it: the header (parents over their benchmark columns, the
 * expanded groups' members after their group), and one row per model that passed the filters, in
 * the asked order. Built by {@link LeaderboardBuilder} from the {@link Leaderboard.Table} that the
 * API returns too.
 *
 * @param query what was asked
 * @param parents the header's first row: one entry per parent
 * @param columns the header's second row: every visible column, left to right
 * @param rows the models that passed the filters, sorted
 * @param totalModels how many models there are before filtering
 * @param architectures the architectures known, for the filter's choices
 */
public record LeaderboardView(LeaderboardQuery query, List<ParentHeader> parents, List<Column> columns, List<Row> rows,
                              int totalModels, List<String> architectures) {
    /** The key of the average column. */
    public static final String AVERAGE_KEY = "average";
    /** The key of the model-name column. */
    public static final String MODEL_KEY = "model";
    /** The key of the rank column (sorting by rank is sorting by average). */
    public static final String RANK_KEY = "rank";

    public LeaderboardView {
        Objects.requireNonNull(query, "query");
        parents = List.copyOf(parents);
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        architectures = List.copyOf(architectures);
    }

    /** @return the key of a parent's average column */
    public static String parentKey(String parent) {
        return "parent:" + parent;
    }

    /** @return the key of a benchmark's column */
    public static String benchmarkKey(String benchmark) {
        return "bench:" + benchmark;
    }

    /** @return the link that sorts by the average (or flips its direction) */
    public String averageSortHref() {
        return "/" + query.sortedBy(AVERAGE_KEY).queryString();
    }

    /** @return the link that sorts by model name */
    public String modelSortHref() {
        return "/" + query.sortedBy(MODEL_KEY).queryString();
    }

    /** @return the arrow of a column: ▼ when sorted descending by it, ▲ ascending, else empty */
    public String arrow(String key) {
        boolean sorted = query.sort().equals(key) || (RANK_KEY.equals(query.sort()) && AVERAGE_KEY.equals(key));
        return !sorted ? "" : query.descending() ? "▼" : "▲";
    }

    /**
     * A parent in the header.
     *
     * @param name the parent ("behavior")
     * @param engineering true when its benchmarks show raw values and stay out of the average
     * @param span how many columns it covers
     */
    public record ParentHeader(String name, boolean engineering, int span) {
    }

    /**
     * A column of the header.
     *
     * @param key the sort key ({@code parent:<name>} or {@code bench:<identifier>})
     * @param kind what it shows
     * @param label the text of the header
     * @param title the tooltip (description)
     * @param ceiling the ceiling, formatted, or empty when the benchmark has none
     * @param expandable true for a group with members
     * @param open true when the group is expanded
     * @param memberCount how many members the group has
     * @param sortHref the link that sorts by this column
     * @param toggleHref the link that expands or collapses the group, or empty
     * @param arrow the sort arrow, or empty
     */
    public record Column(String key, Leaderboard.Kind kind, String label, String title, String ceiling, boolean expandable,
                         boolean open, int memberCount, String sortHref, String toggleHref, String arrow) {
        /** @return the CSS class of the column's cells */
        public String cssClass() {
            return switch (kind) {
                case AVERAGE -> "average";
                case PARENT -> "parent";
                case BENCHMARK -> expandable ? "benchmark group" : "benchmark";
                case MEMBER -> "member";
                case VARIANT -> "benchmark variant";
            };
        }
    }

    /**
     * One model's row.
     *
     * @param rank the model's place by average among all models (ties share a place)
     * @param model the model
     * @param average the average, NaN when there is none
     * @param cells the cells by column key; a missing key is an empty cell
     * @param dtype the precision of the row's scores ("float32" or "bfloat16")
     */
    public record Row(int rank, Leaderboard.Model model, double average, Map<String, Cell> cells, String dtype) {
        public Row {
            cells = Map.copyOf(cells);
        }

        /** @return true when the row's scores were computed in another precision than float32 */
        public boolean reducedPrecision() {
            return !Leaderboard.FLOAT32.equals(dtype);
        }

        /** @return the cell of a column, empty when the model has no value there */
        public Cell cell(String key) {
            return cells.getOrDefault(key, Cell.EMPTY);
        }

        /** @return the average, formatted */
        public String averageText() {
            return Cell.format(average);
        }

        /** @return the parameter count for reading */
        public String parameters() {
            return ParameterCount.display(model.parameterCount());
        }
    }

    /**
     * A value in the table.
     *
     * @param value the number shown, NaN when missing
     * @param href where the value links to (its score), or empty
     */
    public record Cell(double value, String href) {
        /** A cell without a value. */
        public static final Cell EMPTY = new Cell(Double.NaN, "");

        public Cell {
            Objects.requireNonNull(href, "href");
        }

        /** @return true when there is a value */
        public boolean present() {
            return !Double.isNaN(value);
        }

        /** @return the value with three decimals, or a dash */
        public String text() {
            return format(value);
        }

        /** @return a number with three decimals, or a dash when it is NaN */
        public static String format(double value) {
            return Double.isNaN(value) ? "–" : String.format(java.util.Locale.ROOT, "%.3f", value);
        }
    }
}
