package org.langscore.web.pages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import org.langscore.web.pages.LeaderboardView.Cell;
import org.langscore.web.pages.LeaderboardView.Column;
import org.langscore.web.pages.LeaderboardView.ParentHeader;
import org.langscore.web.pages.LeaderboardView.Row;
import org.langscore.web.service.Leaderboard;

/**
 * Turns the {@link Leaderboard.Table} (the rules, shared with the API) into what the page shows: the
 * rows that pass the query's filters in the asked order, the header with a group's members only when
 * the group is expanded, and the links that sort and expand. No number is computed here.
 */
public final class LeaderboardBuilder {
    private LeaderboardBuilder() {
    }

    /**
     * @param table the leaderboard of every public model
     * @param query the sort, filters and expanded groups
     */
    public static LeaderboardView build(Leaderboard.Table table, LeaderboardQuery query) {
        List<Row> shown = new ArrayList<>();
        Set<String> architectures = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Leaderboard.Row row : table.rows()) {
            if (row.architecture() != null && !row.architecture().isBlank()) {
                architectures.add(row.architecture());
            }
            if (query.accepts(row.model(), row.architecture(), row.parameterCount())) {
                shown.add(viewRow(row, table.columns()));
            }
        }
        shown.sort(order(query));

        List<ParentHeader> parents = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        String currentParent = null;
        boolean currentEngineering = false;
        int parentStart = 0;
        for (Leaderboard.Column column : table.columns()) {
            if (column.kind() == Leaderboard.Kind.AVERAGE) {
                continue;
            }
            String parent = column.kind() == Leaderboard.Kind.PARENT ? column.id() : column.parent();
            if (!parent.equals(currentParent)) {
                if (currentParent != null) {
                    parents.add(new ParentHeader(currentParent, currentEngineering, columns.size() - parentStart));
                }
                currentParent = parent;
                currentEngineering = column.engineering();
                parentStart = columns.size();
            }
            Column shownColumn = headerColumn(column, table.columns(), query);
            if (shownColumn != null) {
                columns.add(shownColumn);
            }
        }
        if (currentParent != null) {
            parents.add(new ParentHeader(currentParent, currentEngineering, columns.size() - parentStart));
        }
        return new LeaderboardView(query, parents, columns, shown, table.rows().size(), new ArrayList<>(architectures));
    }

    private static Row viewRow(Leaderboard.Row row, List<Leaderboard.Column> columns) {
        Map<String, Cell> cells = new HashMap<>();
        for (Leaderboard.Column column : columns) {
            Double value = row.cells().get(column.id());
            if (value != null && column.kind() != Leaderboard.Kind.AVERAGE) {
                cells.put(key(column), new Cell(value, row.links().getOrDefault(column.id(), "")));
            }
        }
        return new Row(row.rank(), new Leaderboard.Model(row.modelId(), row.model(), row.architecture(),
                row.parameterCount()), row.average() == null ? Double.NaN : row.average(), cells, row.dtype());
    }

    /** @return the column as the header shows it, or null for a member of a collapsed group */
    private static Column headerColumn(Leaderboard.Column column, List<Leaderboard.Column> all, LeaderboardQuery query) {
        String key = key(column);
        String ceiling = column.ceiling() == null ? "" : Cell.format(column.ceiling());
        String title = column.description() == null ? column.id() : column.description();
        return switch (column.kind()) {
            case AVERAGE -> null;
            case PARENT -> new Column(key, Leaderboard.Kind.PARENT, column.id(), column.engineering()
                    ? "Mean of the raw values of the " + column.id() + " benchmarks (not in the average)"
                    : "Mean of the " + column.id() + " benchmarks, a missing score counted as 0", "", false, false, 0,
                    sortHref(query, key), "", arrow(query, key));
            case BENCHMARK -> {
                int members = (int) all.stream().filter(c -> column.id().equals(c.group())).count();
                boolean expandable = members > 0;
                yield new Column(key, Leaderboard.Kind.BENCHMARK, column.id(), title, ceiling, expandable,
                        expandable && query.isOpen(column.id()), members, sortHref(query, key),
                        expandable ? "/" + query.toggled(column.id()).queryString() : "", arrow(query, key));
            }
            case MEMBER -> !query.isOpen(column.group()) ? null : new Column(key, Leaderboard.Kind.MEMBER,
                    memberLabel(column.id(), column.group()), title, ceiling, false, false, 0, sortHref(query, key), "",
                    arrow(query, key));
            case VARIANT -> new Column(key, Leaderboard.Kind.VARIANT, column.id(), title + " (langscore's own variant, not in the "
                    + column.parent() + " mean)", ceiling, false, false, 0, sortHref(query, key), "", arrow(query, key));
        };
    }

    private static String key(Leaderboard.Column column) {
        return column.kind() == Leaderboard.Kind.PARENT ? LeaderboardView.parentKey(column.id())
                : LeaderboardView.benchmarkKey(column.id());
    }

    private static String memberLabel(String member, String group) {
        String prefix = Leaderboard.GROUPS.get(group);
        String label = prefix != null && member.startsWith(prefix) ? member.substring(prefix.length()) : member;
        // A zero-width space after each underscore lets a narrow header break there, and nowhere else.
        return label.replace("_", "_\u200B");
    }

    /** The asked order; rows without a value in the sort column come last either way; ties by name. */
    private static Comparator<Row> order(LeaderboardQuery query) {
        String key = query.sort();
        Comparator<Row> byName = Comparator.comparing(r -> r.model().identifier(), String.CASE_INSENSITIVE_ORDER);
        if (LeaderboardView.MODEL_KEY.equals(key)) {
            return query.descending() ? byName.reversed() : byName;
        }
        ToDoubleFunction<Row> value = LeaderboardView.AVERAGE_KEY.equals(key)
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
