package org.langscore.web.queue;

import java.util.UUID;

/**
 * The evaluation queue: one message per (model, benchmark) job. The message only says "look at this
 * job"; the job's row in the database is the truth, and the {@link JobDispatcher} publishes again
 * whatever needs a message. Implementations: {@link RabbitMqJobQueue} for several worker processes,
 * {@link InProcessJobQueue} for the embedded default. Thread-safe.
 */
public interface JobQueue extends AutoCloseable {

    /**
     * Publishes the message of a job; returns once the queue has it (publisher confirm on RabbitMQ).
     *
     * @throws org.langscore.spi.ScoringException when the queue cannot take it now
     */
    void publish(UUID jobId);

    /**
     * Starts consumers that hand each message to the handler, one job at a time per consumer.
     *
     * @param workerId the worker's id; consumer {@code i} is {@code <workerId>-<i>}
     * @param count how many consumers (jobs at once)
     * @param handler what runs a job
     * @return a handle that stops the consumers; a running job goes back to the queue
     */
    Consumers startConsumers(String workerId, int count, JobHandler handler);

    /** @return whether messages can be published (the broker connection is up) */
    boolean isOpen();

    @Override
    void close();

    /** Running consumers. */
    interface Consumers extends AutoCloseable {
        @Override
        void close();
    }
}
