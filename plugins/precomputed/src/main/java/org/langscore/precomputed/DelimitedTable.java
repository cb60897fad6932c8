package org.langscore.precomputed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * A small table file with a header: tab-separated and unquoted ({@code .tsv}), or comma-separated
 * with RFC 4180 quoting ({@code .csv}: a field in double quotes may hold commas, line breaks and
 * doubled quotes). Every row must have as many cells as the header.
 *
 * @param file where the table was read from, for messages
 * @param columns the header
 * @param rows the data rows
 * @param lineNumbers the 1-based line on which each row starts, for messages
 */
public record DelimitedTable(Path file, List<String> columns, List<List<String>> rows, int[] lineNumbers) {
    public DelimitedTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        if (lineNumbers.length != rows.size()) {
            throw new IllegalArgumentException("one line number per row is needed");
        }
    }

    /** @return true when the file's name says it is comma-separated */
    static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    }

    /**
     * Reads only the header line (cheap, for recognising a file's format).
     *
     * @return the column names, or an empty list when the file cannot be read
     */
    static List<String> header(Path file) {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null) {
                return List.of();
            }
            return isCsv(file) ? parseCsv(line, file).get(0) : Arrays.asList(line.split("\t", -1));
        } catch (IOException | ScoringException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    /**
     * @throws ScoringException naming the file and line when it cannot be read or a row is malformed
     */
    public static DelimitedTable read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot read precomputed file " + file, e);
        }
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        if (isCsv(file)) {
            parseCsv(text, file, records, lines);
        } else {
            String[] split = text.split("\r?\n", -1);
            for (int i = 0; i < split.length; i++) {
                if (!split[i].isEmpty()) {
                    records.add(Arrays.asList(split[i].split("\t", -1)));
                    lines.add(i + 1);
                }
            }
        }
        if (records.isEmpty()) {
            throw new ScoringException(ErrorCode.INVALID_DATA, "precomputed file " + file + " is empty (no header)");
        }
        List<String> header = records.get(0);
        for (int i = 1; i < records.size(); i++) {
            if (records.get(i).size() != header.size()) {
                throw new ScoringException(ErrorCode.INVALID_DATA, file + " line " + lines.get(i) + " has "
                        + records.get(i).size() + " cells, but the header has " + header.size());
            }
        }
        int[] lineNumbers = lines.subList(1, lines.size()).stream().mapToInt(Integer::intValue).toArray();
        return new DelimitedTable(file, header, records.subList(1, records.size()), lineNumbers);
    }

    private static List<List<String>> parseCsv(String text, Path file) {
        List<List<String>> records = new ArrayList<>();
        parseCsv(text, file, records, new ArrayList<>());
        return records;
    }

    private static void parseCsv(String text, Path file, List<List<String>> records, List<Integer> lines) {
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0) {
                        throw new ScoringException(ErrorCode.INVALID_DATA, file + " line " + line
                                + ": a quote inside an unquoted field");
                    }
                    quoted = true;
                    fieldStarted = true;
                }
                case ',' -> {
                    record.add(field.toString());
                    field.setLength(0);
                    fieldStarted = true;
                }
                case '\r' -> {
                    // part of a CRLF line break; dropped
                }
                case '\n' -> {
                    if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
                        record.add(field.toString());
                        records.add(record);
                        lines.add(recordLine);
                    }
                    record = new ArrayList<>();
                    field.setLength(0);
                    fieldStarted = false;
                    line++;
                    recordLine = line;
                }
                default -> field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new ScoringException(ErrorCode.INVALID_DATA, file + " line " + recordLine + ": a quoted field is not closed");
        }
        if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
            lines.add(recordLine);
        }
    }

    /** @return the index of the first of the named columns that exists, or -1 */
    public int column(List<String> names) {
        for (String name : names) {
            int index = columns.indexOf(name);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }
}
