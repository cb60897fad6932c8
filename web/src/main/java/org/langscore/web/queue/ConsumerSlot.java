package org.langscore.web.queue;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * One consumer of the RabbitMQ jobs channel ({@link JobInbox}): a thread that runs one job at a time
 * under the consumer id {@code <workerId>-<i>}. The message is acknowledged once the handler holds
 * the job in the database (after that transaction committed), so that the delivery is settled while
 * the job runs; a message whose job cannot be decided now goes back to the queue after a short delay;
 * a job that failed for good is published to the dead-letter queue with its reason, then its message
 * is acknowledged. Nothing a job throws, not even an {@link Error}, ends the slot.
 */
final class ConsumerSlot {
    private static final Logger LOG = Logger.getLogger(ConsumerSlot.class);
    private static final long SETTLE_TIMEOUT_SECONDS = 10;

    private final JobInbox inbox;
    private final String consumerId;
    private final JobHandler handler;
    private final JobInbox.DeadLetters deadLetters;
    private final long retryDelayMillis;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService executor;

    ConsumerSlot(JobInbox inbox, String consumerId, JobHandler handler, JobInbox.DeadLetters deadLetters,
                 long retryDelayMillis) {
        this.inbox = inbox;
        this.consumerId = consumerId;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.retryDelayMillis = retryDelayMillis;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "langscore-worker " + consumerId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs the job of a message on this slot's thread.
     *
     * @return a stage that completes (never exceptionally) once the message is settled: acknowledged
     *     when the job is held, or returned, or dead-lettered
     */
    CompletionStage<Void> deliver(UUID jobId, byte[] body, Message<?> message) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        executor.execute(() -> run(jobId, body, message, settled));
        return settled;
    }

    private void run(UUID jobId, byte[] body, Message<?> message, CompletableFuture<Void> settled) {
        AtomicBoolean acknowledged = new AtomicBoolean();
        try {
            if (stopping.get()) {
                // Handed over just as the worker stopped: another worker takes it.
                await(JobInbox.requeue(message, "worker " + consumerId + " stopped"), "returning job " + jobId);
                return;
            }
            Outcome outcome;
            try {
                outcome = handler.handle(jobId, consumerId, stopping::get, () -> {
                    // The claim is committed: from now on the database's lease keeps the job.
                    acknowledged.set(true);
                    await(message.ack(), "acknowledging job " + jobId);
                    settled.complete(null);
                });
            } catch (Throwable e) {
                // The database is unreachable, or a bug: nothing is committed unless the job was held,
                // and a held job comes back through the dispatcher once its lease runs out.
                LOG.errorf(e, "worker %s could not handle job %s", consumerId, jobId);
                outcome = Outcome.RETRY;
            }
            if (!acknowledged.get()) {
                switch (outcome.disposition()) {
                    case DONE -> await(message.ack(), "acknowledging job " + jobId);
                    case RETRY -> {
                        Thread.sleep(retryDelayMillis);
                        await(JobInbox.requeue(message, "job " + jobId + " could not be decided now"),
                                "returning job " + jobId);
                    }
                    case DEAD_LETTER -> {
                        publishDeadLetter(jobId, body, outcome.reason());
                        await(message.ack(), "acknowledging job " + jobId);
                    }
                }
            } else if (outcome.disposition() == Outcome.Disposition.DEAD_LETTER) {
                publishDeadLetter(jobId, body, outcome.reason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            LOG.errorf(e, "worker %s failed while settling the message of job %s", consumerId, jobId);
        } finally {
            settled.complete(null);
            if (!stopping.get()) {
                inbox.idle(this);
            }
        }
    }

    private void publishDeadLetter(UUID jobId, byte[] body, String reason) {
        try {
            deadLetters.publish(jobId, body, reason);
        } catch (RuntimeException e) {
            // The job is FAILED with its reason in the database; only the copy is missing.
            LOG.warnf("the dead letter of job %s was not published: %s", jobId, e.getMessage());
        }
    }

    /** Waits for the broker to take an acknowledgement; a lost channel returns the message by itself. */
    private void await(CompletionStage<Void> settling, String what) {
        try {
            settling.toCompletableFuture().get(SETTLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("worker %s: %s failed: %s", consumerId, what, e.getMessage());
        }
    }

    /** Stops taking messages: a running job sees it and hands itself back. */
    void stop() {
        stopping.set(true);
        executor.shutdown();
    }

    /** Waits up to 30 s for the running job to hand itself back. */
    void awaitStopped() {
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
