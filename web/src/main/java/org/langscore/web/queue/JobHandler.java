package org.langscore.web.queue;

import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Runs the job of a delivered message. Called by one consumer thread per message. */
@FunctionalInterface
public interface JobHandler {
    /**
     * Handles a job. Returns only after everything it decided is committed to the database, so that
     * the queue may acknowledge the message.
     *
     * @param jobId the job of the message
     * @param consumerId the consumer that received it (becomes the job's worker id)
     * @param stopping true once the consumer is being closed: the job should be handed back, not finished
     * @return what to do with the message
     */
    Outcome handle(UUID jobId, String consumerId, BooleanSupplier stopping);
}
