package org.langscore.web.pages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ModelPageTest {
    /** Issue 14: the scatter drew 10,255 words (r = 0.349) where the score uses 9,775 (r 0.354). */
    @Test
    void theScatterDrawsOnlyTheWordsTheScoreCounts() {
        PageData.ItemTable table = new PageData.ItemTable("word",
                List.of("word", "sentence_initial", "surprisal_bits", "mean_rt_ms"), List.of(
                        Arrays.asList("If", true, 9.0, 400.0),
                        Arrays.asList("you", false, 3.0, 300.0),
                        Arrays.asList("were", false, null, 310.0),
                        Arrays.asList("Tulip", true, null, 500.0),
                        Arrays.asList("grew", false, 7.5, 350.0)));
        List<double[]> points = ModelPage.scoredPoints(table);
        assertEquals(2, points.size());
        assertArrayEquals(new double[] {3.0, 300.0}, points.get(0), 0.0);
        assertArrayEquals(new double[] {7.5, 350.0}, points.get(1), 0.0);

        // Without the column every finite pair is a point.
        PageData.ItemTable plain = new PageData.ItemTable("word", List.of("surprisal_bits", "mean_rt_ms"),
                List.of(Arrays.asList(1.0, 2.0), Arrays.asList(3.0, 4.0)));
        assertEquals(2, ModelPage.scoredPoints(plain).size());
    }
}
