package org.langscore.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Split-half consistency of human data, the usual ceiling of a behavioural benchmark: the subjects
 * are split at random into two halves, each half's per-item mean is computed, the two means are
 * correlated (Pearson) and the correlation is corrected to full length with Spearman-Brown. The
 * result is the median over the splits. Missing values (NaN) are left out of a half's mean; an item
 * that one half has no value for is left out of that split's correlation.
 */
public final class SplitHalfConsistency {
    private SplitHalfConsistency() {
    }

    /**
     * The result of the split-half analysis.
     *
     * @param median the median corrected consistency over the splits
     * @param splits the corrected consistency of each split, in split order
     */
    public record Result(double median, double[] splits) {
    }

    /**
     * @param data {@code data[subject][item]}, NaN where a subject has no value
     * @param splits how many random splits
     * @param seed the seed of the split order
     */
    public static Result compute(double[][] data, int splits, long seed) {
        int subjects = data.length;
        if (subjects < 2) {
            throw new IllegalArgumentException("split-half consistency needs at least 2 subjects, got " + subjects);
        }
        if (splits < 1) {
            throw new IllegalArgumentException("need at least one split, got " + splits);
        }
        int items = data[0].length;
        Random random = new Random(seed);
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < subjects; s++) {
            order.add(s);
        }
        double[] corrected = new double[splits];
        for (int split = 0; split < splits; split++) {
            // Shuffle the subjects, then the first half against the second half.
            Collections.shuffle(order, random);
            List<Integer> first = order.subList(0, subjects / 2);
            List<Integer> second = order.subList(subjects / 2, subjects);
            double[] meanFirst = halfMeans(data, first, items);
            double[] meanSecond = halfMeans(data, second, items);
            // Keep the items both halves have a value for.
            int kept = 0;
            double[] a = new double[items];
            double[] b = new double[items];
            for (int i = 0; i < items; i++) {
                if (!Double.isNaN(meanFirst[i]) && !Double.isNaN(meanSecond[i])) {
                    a[kept] = meanFirst[i];
                    b[kept] = meanSecond[i];
                    kept++;
                }
            }
            double r = PearsonCorrelation.of(Arrays.copyOf(a, kept), Arrays.copyOf(b, kept));
            corrected[split] = SpearmanBrown.correct(r, 2.0);
        }
        return new Result(median(corrected), corrected);
    }

    private static double[] halfMeans(double[][] data, List<Integer> subjects, int items) {
        double[] means = new double[items];
        for (int i = 0; i < items; i++) {
            double sum = 0;
            int count = 0;
            for (int s : subjects) {
                double value = data[s][i];
                if (!Double.isNaN(value)) {
                    sum += value;
                    count++;
                }
            }
            means[i] = count == 0 ? Double.NaN : sum / count;
        }
        return means;
    }

    /** @return the median (mean of the two middle values for an even count) */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
