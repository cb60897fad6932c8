package org.langscore.web.cli;

import java.io.PrintWriter;
import java.util.List;

import org.langscore.spi.Score;

/** Prints scores as an aligned table: raw value, ceiling and normalised score, sub-scores indented. */
final class ScoreTable {
    private ScoreTable() {
    }

    static void print(PrintWriter out, String model, List<Score> scores) {
        out.println("model: " + model);
        out.printf("%-34s %10s %10s %10s%n", "benchmark", "raw", "ceiling", "score");
        for (Score score : scores) {
            row(out, score, "");
        }
        out.flush();
    }

    private static void row(PrintWriter out, Score score, String indent) {
        String note = score.unclippedValue() != score.value() && !Double.isNaN(score.unclippedValue())
                ? String.format("  (unclipped %.4f)", score.unclippedValue())
                : "";
        out.printf("%-34s %10s %10s %10s%s%n", indent + score.benchmark(), number(score.raw()), number(score.ceiling()),
                number(score.value()), note);
        if (indent.isEmpty() && score.subScores().size() <= 40) {
            for (Score sub : score.subScores()) {
                row(out, sub, "  ");
            }
        }
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.4f", value);
    }
}
