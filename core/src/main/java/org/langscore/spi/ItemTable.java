package org.langscore.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per-item data behind a score (per-word surprisal and target, per-region values), kept so that a
 * score can be re-analysed without recomputing. Cells are {@link String}, {@link Number},
 * {@link Boolean} or null.
 *
 * @param name what one row is ("word", "region", ...)
 * @param columns the column names
 * @param rows the rows, each as long as {@code columns}
 */
public record ItemTable(String name, List<String> columns, List<List<Object>> rows) {
    public ItemTable {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        List<List<Object>> copied = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = rows.get(i);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + i + " of item table '" + name + "' has " + row.size()
                        + " cells, expected " + columns.size());
            }
            copied.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = java.util.Collections.unmodifiableList(copied);
    }

    /** An empty table of the given name. */
    public static ItemTable empty(String name) {
        return new ItemTable(name, List.of(), List.of());
    }

    /** @return the index of a column, or -1 */
    public int columnIndex(String column) {
        return columns.indexOf(column);
    }
}
