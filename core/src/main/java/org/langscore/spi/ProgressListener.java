package org.langscore.spi;

/**
 * Receives progress reports of a long computation. Implementations must be cheap and thread-safe;
 * they are called from the computing thread.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every report. */
    ProgressListener NONE = (stage, done, total, unit) -> { };

    /**
     * @param stage what is being done ("Natural Stories", "suite mvrr")
     * @param done units finished so far
     * @param total units in all (or -1 when unknown)
     * @param unit what is counted ("words", "items")
     */
    void onProgress(String stage, long done, long total, String unit);
}
