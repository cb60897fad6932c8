package org.langscore.web.queue;

import java.util.UUID;

/** Runs the job of a delivered message. Called by one consumer thread per message. */
@FunctionalInterface
public interface JobHandler {
    /**
     * Handles a job. Returns only after everything it decided is committed to the database, so that
     * the queue may acknowledge the message.
     *
     * @param jobId the job of the message
     * @param consumerId the consumer that received it (becomes the job's worker id)
     * @return what to do with the message
     */
    Outcome handle(UUID jobId, String consumerId);
}
