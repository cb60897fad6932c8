package org.langscore.syntaxgym;

import org.langscore.spi.ProgressListener;

/** Counts finished items across one or more suites and reports them to the host's progress listener. */
final class ItemProgress {
    private final ProgressListener listener;
    private final long total;
    private long done;

    /**
     * @param listener the host's listener
     * @param total the items of all suites to be evaluated
     */
    ItemProgress(ProgressListener listener, long total) {
        this.listener = listener;
        this.total = total;
    }

    /** Reports the current count under a stage name, without advancing. */
    void report(String stage) {
        listener.onProgress(stage, done, total, "items");
    }

    /** Counts one item as finished and reports. */
    void advance(String stage) {
        done++;
        report(stage);
    }

    /** Counts several items as finished (a suite restored from a checkpoint) and reports. */
    void skip(String stage, int items) {
        done += items;
        report(stage);
    }
}
