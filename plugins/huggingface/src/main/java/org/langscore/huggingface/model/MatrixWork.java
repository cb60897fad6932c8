package org.langscore.huggingface.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The matrix work done by the models of this JVM, for benchmarks: the floating-point operations of the
 * weight products and of attention's two products, and the wall time spent in forward passes. With
 * {@code -Dlangscore.report-work=true} a model prints one line with both when it closes.
 *
 * <p>Thread-safe; counts only, never changes a result.
 */
public final class MatrixWork {

    /** Whether models report their work on close. */
    static final boolean REPORT = Boolean.getBoolean("langscore.report-work");

    private static final LongAdder FLOP = new LongAdder();
    private static final LongAdder FORWARD_NANOS = new LongAdder();
    private static final LongAdder PRODUCT_NANOS = new LongAdder();
    private static final LongAdder ATTENTION_NANOS = new LongAdder();
    /** Per weight matrix shape ({@code out x in}): calls, FLOP and nanoseconds. */
    private static final Map<String, long[]> BY_SHAPE = new ConcurrentHashMap<>();

    private MatrixWork() {
    }

    /** Counts attention's two products over {@code heads} heads: scores {@code n × keys × d}, then the sum. */
    static void attention(long heads, long n, long keys, long headDim) {
        FLOP.add(4 * heads * n * keys * headDim);
    }

    static void forwardTime(long nanos) {
        FORWARD_NANOS.add(nanos);
    }

    /**
     * Counts one weight product {@code [rows, in] · [out, in]ᵀ} and its wall time (libtorch runs ops
     * eagerly: the call's time is the op's), and books both under the matrix's shape.
     *
     * @param rows the tokens of the product
     * @param in the matrix's input features
     * @param out the matrix's output features (a piece's rows for a piece of the output layer)
     * @param nanos how long it took
     */
    static void product(long rows, long in, long out, long nanos) {
        long flop = 2 * rows * in * out;
        FLOP.add(flop);
        PRODUCT_NANOS.add(nanos);
        long[] totals = BY_SHAPE.computeIfAbsent(out + " x " + in, key -> new long[3]);
        synchronized (totals) {
            totals[0]++;
            totals[1] += flop;
            totals[2] += nanos;
        }
    }

    /** Adds the wall time of one attention call. */
    static void attentionTime(long nanos) {
        ATTENTION_NANOS.add(nanos);
    }

    /** @return the floating-point operations counted so far */
    public static long flop() {
        return FLOP.sum();
    }

    /** @return the seconds spent in forward passes so far */
    public static double forwardSeconds() {
        return FORWARD_NANOS.sum() / 1e9;
    }

    /**
     * @return one line: GFLOP, forward seconds and the rate they imply, then where the forward time went
     *     (weight products, attention, everything else: norms, activations, embeddings, masks, copies, JNI)
     */
    public static String summary() {
        double gflop = flop() / 1e9;
        double seconds = forwardSeconds();
        double products = PRODUCT_NANOS.sum() / 1e9;
        double attention = ATTENTION_NANOS.sum() / 1e9;
        return String.format(java.util.Locale.ROOT, "matrix work: %.1f GFLOP in %.2f s of forward passes (%.1f GFLOP/s);"
                + " time in weight products %.2f s, attention %.2f s, the rest %.2f s", gflop, seconds,
                seconds > 0 ? gflop / seconds : 0, products, attention, seconds - products - attention)
                + byShape();
    }

    /** @return one line per weight matrix shape: calls, work, time and rate; empty when nothing was booked */
    private static String byShape() {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(BY_SHAPE).forEach((shape, totals) -> {
            synchronized (totals) {
                lines.append(String.format(java.util.Locale.ROOT, "%n  weight products [%s]: %d calls, %.1f GFLOP in"
                        + " %.2f s (%.1f GFLOP/s)", shape, totals[0], totals[1] / 1e9, totals[2] / 1e9,
                        totals[2] > 0 ? totals[1] / (double) totals[2] : 0));
            }
        });
        return lines.toString();
    }
}
