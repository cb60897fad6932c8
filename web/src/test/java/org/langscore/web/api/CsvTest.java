package org.langscore.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void quotesCellsWithSeparatorsAndLeavesNullsEmpty() {
        String csv = Csv.write(List.of("word", "surprisal"), List.of(
                Arrays.asList("plain", 1.5), Arrays.asList("a,b", null), Arrays.asList("say \"hi\"", 2)));
        assertEquals("word,surprisal\r\nplain,1.5\r\n\"a,b\",\r\n\"say \"\"hi\"\"\",2\r\n", csv);
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsNeutralisedButNumbersStay() {
        String csv = Csv.write(List.of("word", "value"), List.of(
                Arrays.asList("=HYPERLINK(\"x\")", -1.5), Arrays.asList("+1", 2), Arrays.asList("@SUM(A1)", null),
                Arrays.asList("-", -3L), Arrays.asList("\tcmd", 0)));
        assertEquals("word,value\r\n\"'=HYPERLINK(\"\"x\"\")\",-1.5\r\n'+1,2\r\n'@SUM(A1),\r\n'-,-3\r\n'\tcmd,0\r\n", csv);
    }
}
