package org.langscore.web.cli;

import java.io.PrintWriter;

import org.langscore.runtime.ProgressMeter;
import org.langscore.spi.ProgressListener;

/**
 * Draws progress on standard error: one redrawn line on a terminal, otherwise a line at most every
 * few seconds (so that logs of long runs stay short).
 */
final class ProgressBar implements ProgressListener {
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;
    private static final long REDRAW_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean interactive;
    private final ProgressMeter meter = new ProgressMeter(System::nanoTime);
    private String currentStage;
    private long lastPrinted = Long.MIN_VALUE / 2;
    private boolean lineOpen;

    ProgressBar(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public synchronized void onProgress(String stage, long done, long total, String unit) {
        if (!stage.equals(currentStage)) {
            finishLine();
            currentStage = stage;
        }
        meter.update(done, total);
        long now = System.nanoTime();
        boolean finished = total >= 0 && done >= total;
        if (!finished && now - lastPrinted < (interactive ? REDRAW_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            return;
        }
        lastPrinted = now;
        String line = meter.render(stage, unit, 30);
        if (interactive) {
            err.print("\r" + line + "\u001b[K");
            lineOpen = !finished;
            if (finished) {
                err.println();
            }
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends a redrawn line so that later output starts on its own line. */
    synchronized void finishLine() {
        if (lineOpen) {
            err.println();
            err.flush();
            lineOpen = false;
        }
    }
}
