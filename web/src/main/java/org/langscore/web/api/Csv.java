package org.langscore.web.api;

import java.util.List;

/** Writes a table as RFC 4180 CSV: a header line, then one line per row; null cells are empty. */
public final class Csv {
    private Csv() {
    }

    /** @return the CSV text */
    public static String write(List<String> columns, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, columns);
        for (List<Object> row : rows) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object cell = cells.get(i);
            if (cell != null) {
                String text = cell.toString();
                if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                        || text.indexOf('\r') >= 0) {
                    out.append('"').append(text.replace("\"", "\"\"")).append('"');
                } else {
                    out.append(text);
                }
            }
        }
        out.append("\r\n");
    }
}
