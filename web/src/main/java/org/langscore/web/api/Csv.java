package org.langscore.web.api;

import java.util.List;

/**
 * Writes a table as RFC 4180 CSV: a header line, then one line per row; null cells are empty; text
 * cells that a spreadsheet would run as a formula are neutralised.
 */
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
                String text = cell instanceof Number || cell instanceof Boolean ? cell.toString() : neutralised(cell.toString());
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

    /**
     * A text cell that a spreadsheet would read as a formula ({@code = + - @}, tab or carriage return
     * first) gets a leading apostrophe, so that opening the file runs nothing (OWASP's CSV injection
     * advice). Numbers are written as they are.
     */
    static String neutralised(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
