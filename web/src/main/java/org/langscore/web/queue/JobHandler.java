package org.langscore.web.queue;

import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Runs the job of one delivered message. Implementations must be thread-safe. */
@FunctionalInterface
public interface JobHandler {
    /**
     * Handles one job message. Once the handler holds the job in the database it calls
     * {@code claimed}: from then on the database's lease, not the message, keeps the job safe, so the
     * queue acknowledges the message at once and does not hold a delivery open for the hours a job may
     * take.
     *
     * @param jobId the job of the message
     * @param consumerId the consumer that received it (becomes the job's worker id)
     * @param stopping true once the consumer is being closed: the job should be handed back, not finished
     * @param claimed to call once the job is held; the queue acknowledges the message
     * @return what to do with the message, if it is not acknowledged yet
     */
    Outcome handle(UUID jobId, String consumerId, BooleanSupplier stopping, Runnable claimed);
}
