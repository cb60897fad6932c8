package org.langscore.runtime;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Turns a stream of (done, total) reports into a rate and an estimated time to completion. The rate
 * is measured since the first report, so that a resumed run (which starts at done > 0) does not
 * claim the resumed units as its own speed.
 */
public final class ProgressMeter {
    private final LongSupplier nanoClock;
    private long startNanos = -1;
    private long startDone;
    private long lastDone;
    private long lastTotal = -1;
    private long lastNanos;

    /** @param nanoClock the clock, {@code System::nanoTime} outside tests */
    public ProgressMeter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Records a report. */
    public synchronized void update(long done, long total) {
        long now = nanoClock.getAsLong();
        if (startNanos < 0 || done < lastDone) {
            startNanos = now;
            startDone = done;
        }
        lastDone = done;
        lastTotal = total;
        lastNanos = now;
    }

    /** @return units per second since the first report (0 until time has passed) */
    public synchronized double ratePerSecond() {
        long elapsed = lastNanos - startNanos;
        if (startNanos < 0 || elapsed <= 0) {
            return 0;
        }
        return (lastDone - startDone) / (elapsed / 1e9);
    }

    /** @return the estimated remaining time, or null when unknown */
    public synchronized Duration eta() {
        double rate = ratePerSecond();
        if (lastTotal < 0 || rate <= 0) {
            return null;
        }
        long remaining = Math.max(0, lastTotal - lastDone);
        return Duration.ofMillis(Math.round(remaining / rate * 1000));
    }

    /** @return the fraction done in [0, 1], or NaN when the total is unknown */
    public synchronized double fraction() {
        return lastTotal <= 0 ? Double.NaN : Math.min(1.0, (double) lastDone / lastTotal);
    }

    /** Formats a duration as h:mm:ss or m:ss. */
    public static String format(Duration duration) {
        if (duration == null) {
            return "--:--";
        }
        long seconds = duration.toSeconds();
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long secs = seconds % 60;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, minutes, secs) : String.format("%d:%02d", minutes, secs);
    }

    /**
     * A one-line progress bar: {@code stage [#####-----] 50% 500/1000 words 123.4 words/s ETA 0:04}.
     */
    public synchronized String render(String stage, String unit, int width) {
        double fraction = fraction();
        StringBuilder bar = new StringBuilder();
        bar.append(stage).append(' ');
        if (!Double.isNaN(fraction)) {
            int filled = (int) Math.round(fraction * width);
            bar.append('[').append("#".repeat(filled)).append("-".repeat(width - filled)).append("] ");
            bar.append(String.format("%3d%% ", Math.round(fraction * 100)));
            bar.append(lastDone).append('/').append(lastTotal).append(' ').append(unit);
        } else {
            bar.append(lastDone).append(' ').append(unit);
        }
        bar.append(String.format(" %.1f %s/s ETA %s", ratePerSecond(), unit, format(eta())));
        return bar.toString();
    }
}
