package org.langscore.precomputed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

class DelimitedTableTest {
    @TempDir
    Path temporary;

    @Test
    void csvFieldsMayHoldQuotedCommasQuotesAndLineBreaks() throws IOException {
        Path file = temporary.resolve("t.csv");
        Files.writeString(file, "token,offset\n\",\",0\n\" \"\"a\"\"\",1\r\n\"x\ny\",6\nplain,9\n");
        DelimitedTable table = DelimitedTable.read(file);
        assertEquals(List.of("token", "offset"), table.columns());
        assertEquals(List.of(List.of(",", "0"), List.of(" \"a\"", "1"), List.of("x\ny", "6"), List.of("plain", "9")),
                table.rows());
        assertEquals(4, table.lineNumbers()[2], "a row is numbered by the line it starts on");
        assertEquals(6, table.lineNumbers()[3], "the line count goes on after a quoted line break");
    }

    @Test
    void tsvIsSplitOnTabsWithoutQuoting() throws IOException {
        Path file = temporary.resolve("t.tsv");
        Files.writeString(file, "word\tsurprisal\n\"quoted\"\t1.5\n");
        DelimitedTable table = DelimitedTable.read(file);
        assertEquals(List.of(List.of("\"quoted\"", "1.5")), table.rows());
        assertEquals(List.of("word", "surprisal"), DelimitedTable.header(file));
    }

    @Test
    void aRowOfTheWrongWidthIsNamedByLine() throws IOException {
        Path file = temporary.resolve("t.tsv");
        Files.writeString(file, "word\tsurprisal\na\t1\nb\n");
        ScoringException error = assertThrows(ScoringException.class, () -> DelimitedTable.read(file));
        assertEquals(ErrorCode.INVALID_DATA, error.code());
        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
    }
}
