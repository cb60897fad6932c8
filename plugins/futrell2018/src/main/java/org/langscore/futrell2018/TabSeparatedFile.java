package org.langscore.futrell2018;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Reads a UTF-8 tab-separated file with a header line, the way every Natural Stories table is read:
 * empty lines are skipped, and a row whose number of cells differs from the header's is
 * {@code INVALID_DATA} naming the file and line.
 */
final class TabSeparatedFile {

    /** Takes the rows of a file, one at a time. */
    @FunctionalInterface
    interface Rows {
        /**
         * @param cells the row's cells, as many as the header's columns
         * @param lineNumber the row's line in the file (the header is line 1)
         */
        void accept(String[] cells, int lineNumber);
    }

    private TabSeparatedFile() {
    }

    /**
     * @param file the file
     * @param name the file as an unreadable file is named in the error ({@code FILE_NOT_FOUND})
     * @param header given the header's columns (none for an empty file), checks them and returns what takes
     *     each row
     */
    static void read(Path file, String name, Function<List<String>, Rows> header) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            List<String> columns = first == null ? List.of() : Arrays.asList(first.split("\t", -1));
            Rows rows = header.apply(columns);
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != columns.size()) {
                    throw new ScoringException(ErrorCode.INVALID_DATA, file + " line " + lineNumber + " has "
                            + cells.length + " cells, expected " + columns.size());
                }
                rows.accept(cells, lineNumber);
            }
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot read " + name, e);
        }
    }
}
