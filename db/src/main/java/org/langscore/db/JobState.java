package org.langscore.db;

/** The life of an evaluation job. QUEUED and RUNNING are live; the other three are final. */
public enum JobState {
    /** Recorded and published; waiting for a worker. */
    QUEUED,
    /** Held by one worker, which keeps its heartbeat fresh. */
    RUNNING,
    /** The score is committed. */
    SUCCEEDED,
    /** Failed on its last attempt; the reason is in {@code lastError}. */
    FAILED,
    /** Cancelled by a user. */
    CANCELLED;

    /** @return true for SUCCEEDED, FAILED and CANCELLED */
    public boolean isFinal() {
        return switch (this) {
            case QUEUED, RUNNING -> false;
            case SUCCEEDED, FAILED, CANCELLED -> true;
        };
    }
}
