package org.langscore.web.queue;

import java.util.UUID;

/**
 * The evaluation queue: one message per (model, benchmark) job, consumed with manual
 * acknowledgement. Implementations: {@link RabbitMqJobQueue} for several worker processes,
 * {@link InProcessJobQueue} for the embedded default. Thread-safe.
 */
public interface JobQueue extends AutoCloseable {

    /** Publishes the message of a job; returns once the queue has it (publisher confirm on RabbitMQ). */
    void publish(UUID jobId);

    /**
     * Starts consumers that hand each message to the handler, one message at a time per consumer.
     *
     * @param workerId the worker's id; consumer {@code i} is {@code <workerId>-<i>}
     * @param count how many consumers (jobs at once)
     * @param handler what runs a job
     * @return a handle that stops the consumers; unacknowledged messages go back to the queue
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
