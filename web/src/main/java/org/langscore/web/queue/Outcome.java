package org.langscore.web.queue;

import java.util.Objects;

/**
 * What a {@link JobHandler} decided about a delivered job message.
 *
 * @param disposition what the queue does with the message
 * @param reason why, for a dead-lettered message (empty otherwise)
 */
public record Outcome(Disposition disposition, String reason) {
    /** The message is done with: acknowledge it. */
    public static final Outcome DONE = new Outcome(Disposition.DONE, "");
    /** Nothing was decided (the database could not be reached): deliver the message again after a short delay. */
    public static final Outcome RETRY = new Outcome(Disposition.RETRY, "");

    public Outcome {
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return an outcome that moves the message to the dead-letter queue with the reason */
    public static Outcome deadLetter(String reason) {
        return new Outcome(Disposition.DEAD_LETTER, reason);
    }

    /** What the queue does with a message. */
    public enum Disposition {
        /** Acknowledge: the job is final, held by someone else, or back in the database's outbox. */
        DONE,
        /** Negative-acknowledge with requeue after a delay: nothing was committed, someone should try again. */
        RETRY,
        /** Publish to the dead-letter queue with the reason, then acknowledge. */
        DEAD_LETTER
    }
}
