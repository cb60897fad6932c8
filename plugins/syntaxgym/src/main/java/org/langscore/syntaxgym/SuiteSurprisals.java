package org.langscore.syntaxgym;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.langscore.syntaxgym.suite.SuiteCondition;
import org.langscore.syntaxgym.suite.SuiteItem;
import org.langscore.syntaxgym.suite.TestSuite;

/**
 * What a subject returned for every sentence of one suite: per item and condition, each region's
 * surprisal in bits as returned (NaN kept) and its token count. Can be written to and read from a
 * checkpoint, so that an interrupted aggregate run resumes after its last finished suite.
 */
final class SuiteSurprisals {
    private final TestSuite suite;
    private final Map<String, double[]> surprisals = new HashMap<>();
    private final Map<String, int[]> tokenCounts = new HashMap<>();

    SuiteSurprisals(TestSuite suite) {
        this.suite = suite;
    }

    private static String key(int itemIndex, String condition) {
        return itemIndex + "\t" + condition;
    }

    /** Records the regions of one sentence. */
    void put(int itemIndex, String condition, double[] regionSurprisals, int[] regionTokenCounts) {
        surprisals.put(key(itemIndex, condition), regionSurprisals.clone());
        tokenCounts.put(key(itemIndex, condition), regionTokenCounts.clone());
    }

    /** @return the surprisal of region n (1-based) as the subject returned it, possibly NaN */
    double surprisal(int itemIndex, String condition, int regionNumber) {
        return values(itemIndex, condition)[regionNumber - 1];
    }

    /** @return the token count of region n (1-based); -1 when the subject has no tokens */
    int tokenCount(int itemIndex, String condition, int regionNumber) {
        int[] counts = tokenCounts.get(key(itemIndex, condition));
        return counts[regionNumber - 1];
    }

    private double[] values(int itemIndex, String condition) {
        double[] values = surprisals.get(key(itemIndex, condition));
        if (values == null) {
            throw new IllegalStateException("no surprisals for item index " + itemIndex + ", condition " + condition
                    + " of suite " + suite.name());
        }
        return values;
    }

    /** @return true when every sentence of the suite has been recorded */
    boolean complete() {
        for (int i = 0; i < suite.items().size(); i++) {
            for (SuiteCondition condition : suite.items().get(i).conditions()) {
                double[] values = surprisals.get(key(i, condition.name()));
                if (values == null || values.length != condition.regions().size()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One line per sentence: item index, condition, then surprisal and token count per region. */
    byte[] serialize() {
        StringBuilder text = new StringBuilder();
        List<SuiteItem> items = suite.items();
        for (int i = 0; i < items.size(); i++) {
            for (SuiteCondition condition : items.get(i).conditions()) {
                text.append(i).append('\t').append(condition.name());
                double[] values = values(i, condition.name());
                int[] counts = tokenCounts.get(key(i, condition.name()));
                for (int r = 0; r < values.length; r++) {
                    text.append('\t').append(values[r]).append(' ').append(counts[r]);
                }
                text.append('\n');
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the surprisals of a checkpoint, or empty when it does not fit the suite (then it is ignored) */
    static Optional<SuiteSurprisals> parse(TestSuite suite, byte[] data) {
        SuiteSurprisals parsed = new SuiteSurprisals(suite);
        try {
            for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                int regions = cells.length - 2;
                double[] values = new double[regions];
                int[] counts = new int[regions];
                for (int r = 0; r < regions; r++) {
                    String[] pair = cells[r + 2].split(" ");
                    values[r] = Double.parseDouble(pair[0]);
                    counts[r] = Integer.parseInt(pair[1]);
                }
                parsed.put(Integer.parseInt(cells[0]), cells[1], values, counts);
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return parsed.complete() ? Optional.of(parsed) : Optional.empty();
    }
}
