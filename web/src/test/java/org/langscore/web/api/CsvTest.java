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
}
