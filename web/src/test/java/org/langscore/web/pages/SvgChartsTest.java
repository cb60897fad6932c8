package org.langscore.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class SvgChartsTest {

    @Test
    void fitIsTheLeastSquaresLine() {
        // y = 3 + 2x exactly: slope 2, intercept 3, r 1.
        LinearFit exact = LinearFit.of(new double[] {0, 1, 2, 3}, new double[] {3, 5, 7, 9});
        assertEquals(2.0, exact.slope(), 1e-12);
        assertEquals(3.0, exact.intercept(), 1e-12);
        assertEquals(1.0, exact.r(), 1e-12);
        // By hand: x = 1,2,3, y = 2,1,4: mean x 2, mean y 7/3, Sxy = 2, Sxx = 2, Syy = 14/3,
        // slope 1, intercept 1/3, r = 2 / sqrt(2 * 14/3) = 0.6546536707.
        LinearFit noisy = LinearFit.of(new double[] {1, 2, 3}, new double[] {2, 1, 4});
        assertEquals(1.0, noisy.slope(), 1e-12);
        assertEquals(1.0 / 3, noisy.intercept(), 1e-12);
        assertEquals(0.6546536707079771, noisy.r(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {1}, new double[] {2}));
    }

    @Test
    void scatterHasOnePointPerPairAndTheFittedLine() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {210, 260, 240, 300, 330};
        String svg = SvgCharts.scatter("s", "surprisal (bits)", "time (ms)", x, y);
        assertEquals(5, count(svg, "<circle class=\"point\""));
        assertEquals(1, count(svg, "<line class=\"fit\""));
        assertTrue(svg.contains("r = " + String.format(java.util.Locale.ROOT, "%.3f", LinearFit.of(x, y).r())), svg);
        // The fitted line runs from the axis' left end to its right end inside the plotting area.
        Matcher line = Pattern.compile("<line class=\"fit\"[^>]*x1=\"([\\d.]+)\" y1=\"([\\d.]+)\" x2=\"([\\d.]+)\"")
                .matcher(svg);
        assertTrue(line.find());
        assertEquals(64.0, Double.parseDouble(line.group(1)), 1e-9);
        assertEquals(624.0, Double.parseDouble(line.group(3)), 1e-9);
    }

    @Test
    void barsHaveOneRectanglePerPartWithEscapedLabels() {
        String svg = SvgCharts.bars("b", "accuracy", List.of(new SvgCharts.Bar("npi", 0.25),
                new SvgCharts.Bar("<mvrr>", 1.0), new SvgCharts.Bar("missing", Double.NaN)));
        assertEquals(3, count(svg, "<rect class=\"bar\""));
        assertTrue(svg.contains("&lt;mvrr&gt;: 1.000"));
        assertTrue(svg.contains("missing: n/a"));
        // A bar of 1.0 spans the plotting area's full height (28 to 270), one of 0.25 a quarter of it.
        assertTrue(svg.contains("y=\"28.0\" width=\"48.0\" height=\"242.0\""), svg);
        assertTrue(svg.contains("height=\"60.5\""), svg);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
