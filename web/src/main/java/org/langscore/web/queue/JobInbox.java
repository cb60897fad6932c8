package org.langscore.web.queue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * The consumer of the RabbitMQ jobs queue: the Quarkus Messaging channel {@code jobs} (RabbitMQ
 * connector, see application.properties), a prefetch of one, hands each message to an idle
 * {@link ConsumerSlot} of a worker started in this process. The channel is pausable with a late
 * subscription and starts paused: it connects only when the first worker starts ({@code serve} or
 * {@code worker} with {@code langscore.amqp.url}), so the command line and {@code serve --no-worker}
 * never connect. It is never paused again: pausing stops the demand, not the broker's delivery, so a
 * paused consumer would keep a prefetched message from the other workers. After the last worker of the
 * process stopped (at shutdown, or in tests), it returns every message after the hold time.
 * <p>
 * A message is settled (acknowledged) as soon as its job is held in the database, which lets the
 * broker deliver the next one while the job runs: no delivery stays open for the length of a job
 * (RabbitMQ's {@code consumer_timeout}). A message for which no slot becomes idle within
 * {@value #HOLD_MILLIS} ms is returned to the queue (nack with requeue), so a busy worker never holds
 * one for longer; another worker, or this one once idle, takes it. Nothing a message or a job does
 * ends the channel's stream: every failure is caught and the message is returned.
 */
@ApplicationScoped
public class JobInbox {
    /** The channel's name (application.properties: {@code mp.messaging.incoming.jobs.*}). */
    public static final String CHANNEL = "jobs";
    /** How long a message waits for an idle slot before it goes back to the queue. */
    static final long HOLD_MILLIS = 1_000;
    private static final Logger LOG = Logger.getLogger(JobInbox.class);

    @Inject
    ObjectMapper json;

    @Inject
    ChannelRegistry channels;

    private final Deque<ConsumerSlot> idle = new ArrayDeque<>();
    private final List<ConsumerSlot> slots = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "langscore-inbox-timer");
        thread.setDaemon(true);
        return thread;
    });
    // Blocking work the event loop must not do: publishing the dead letter of a malformed message.
    private final java.util.concurrent.ExecutorService blocking = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "langscore-inbox");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<ConsumerSlot> waiting;
    private volatile DeadLetters deadLetters;

    /** Publishes a dead letter with its reason; throws when it cannot. */
    @FunctionalInterface
    public interface DeadLetters {
        /**
         * Publishes with publisher confirms and returns once confirmed.
         *
         * @param jobId the job, or null for a message that names none
         */
        void publish(UUID jobId, byte[] body, String reason);
    }

    /**
     * Starts consumers: slots that take messages from the channel, resuming it if it was paused.
     *
     * @param workerId the worker's id; slot {@code i} is {@code <workerId>-<i>}
     * @param count how many slots (jobs at once)
     * @param handler what runs a job
     * @param deadLetters where a job that failed for good is published
     * @param retryDelayMillis how long a slot waits before it returns a message it could not handle
     * @return a handle that stops the slots; a running job goes back to the queue
     */
    public JobQueue.Consumers start(String workerId, int count, JobHandler handler, DeadLetters deadLetters,
                                    long retryDelayMillis) {
        List<ConsumerSlot> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(new ConsumerSlot(this, workerId + "-" + i, handler, deadLetters, retryDelayMillis));
        }
        this.deadLetters = deadLetters;
        synchronized (this) {
            slots.addAll(started);
        }
        started.forEach(this::idle);
        resumeChannel();
        LOG.infof("worker %s consumes queue channel %s with %d slot(s)", workerId, CHANNEL, count);
        return () -> stop(started);
    }

    /** Resumes the channel: the first time, it subscribes and connects. */
    void resumeChannel() {
        PausableChannel channel = channels.getPausable(CHANNEL);
        if (channel != null && channel.isPaused()) {
            channel.resume();
        }
    }

    private void stop(List<ConsumerSlot> stopping) {
        synchronized (this) {
            slots.removeAll(stopping);
            idle.removeAll(stopping);
        }
        // A running job sees the stop and hands itself back to the queue. The channel is not paused:
        // a paused channel stays subscribed and would keep its prefetched message from other workers;
        // running, it returns every message after the hold time.
        stopping.forEach(ConsumerSlot::stop);
        stopping.forEach(ConsumerSlot::awaitStopped);
    }

    /**
     * Receives one job message. The returned stage completes once the message is settled, never
     * exceptionally, so that the connector's stream goes on whatever happened.
     */
    @Incoming(CHANNEL)
    public CompletionStage<Void> receive(Message<Object> message) {
        try {
            byte[] body = bytes(message.getPayload());
            UUID jobId = jobIdOf(body);
            if (jobId == null) {
                return deadLetterMalformed(message, body);
            }
            return nextIdleSlot().thenCompose(slot -> {
                if (slot == null) {
                    return requeue(message, "no idle worker slot in " + HOLD_MILLIS + " ms");
                }
                return slot.deliver(jobId, body, message);
            }).handle((done, error) -> {
                if (error != null) {
                    LOG.errorf(error, "the job message of %s could not be delivered; it goes back to the queue", jobId);
                    requeue(message, "delivery failed");
                }
                return null;
            });
        } catch (Throwable e) {
            LOG.errorf(e, "a job message could not be read; it goes back to the queue");
            return requeue(message, "unreadable");
        }
    }

    /**
     * Publishes a malformed message to the dead-letter queue with the reason, then acknowledges it; if
     * that cannot be done, the broker dead-letters it (nack without requeue, no reason header).
     */
    private CompletionStage<Void> deadLetterMalformed(Message<?> message, byte[] body) {
        String reason = "malformed job message: not {\"jobId\": \"<uuid>\"}";
        return CompletableFuture.runAsync(() -> {
            DeadLetters target = deadLetters;
            if (target == null) {
                throw new IllegalStateException("no dead-letter publisher yet");
            }
            target.publish(null, body, reason);
        }, blocking).thenCompose(published -> message.ack()).exceptionallyCompose(e -> {
            LOG.warnf("the dead letter of a malformed message was not published (%s); the broker dead-letters it",
                    e.getMessage());
            return message.nack(e, Metadata.of(new RabbitMQRejectMetadata(false)));
        }).exceptionally(e -> null);
    }

    /**
     * Returns a message to the queue (nack with requeue), once. Never throws; the stage never fails.
     * A RabbitMQ message is returned directly, not through {@link Message#nack}: the connector's
     * failure handler would log a warning for each one, and a busy worker returns one every
     * {@value #HOLD_MILLIS} ms while jobs wait.
     */
    static CompletionStage<Void> requeue(Message<?> message, String why) {
        try {
            if (message instanceof IncomingRabbitMQMessage<?> incoming) {
                incoming.rejectMessage(new IllegalStateException(why), true);
                return CompletableFuture.completedFuture(null);
            }
            return message.nack(new IllegalStateException(why), Metadata.of(new RabbitMQRejectMetadata(true)))
                    .exceptionally(e -> {
                        LOG.debugf("returning a job message failed: %s", e.getMessage());
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.debugf("returning a job message failed: %s", e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
    }

    /** @return the idle slot that waited longest, or null when none became idle within the hold time */
    private synchronized CompletableFuture<ConsumerSlot> nextIdleSlot() {
        ConsumerSlot free = idle.poll();
        if (free != null) {
            return CompletableFuture.completedFuture(free);
        }
        CompletableFuture<ConsumerSlot> next = new CompletableFuture<>();
        waiting = next;
        timer.schedule(() -> {
            next.complete(null);
        }, HOLD_MILLIS, TimeUnit.MILLISECONDS);
        return next;
    }

    /** A slot is idle: it takes the waiting message, else it waits in line. */
    void idle(ConsumerSlot slot) {
        synchronized (this) {
            if (!slots.contains(slot)) {
                return;
            }
            CompletableFuture<ConsumerSlot> next = waiting;
            waiting = null;
            if (next == null || !next.complete(slot)) {
                idle.add(slot);
            }
        }
    }

    private UUID jobIdOf(byte[] body) {
        try {
            return json.readValue(body, JobMessage.class).jobId();
        } catch (java.io.IOException | RuntimeException e) {
            LOG.errorf("a malformed job message goes to the dead-letter queue: %s", new String(body, StandardCharsets.UTF_8));
            return null;
        }
    }

    private static byte[] bytes(Object payload) {
        if (payload instanceof byte[] raw) {
            return raw;
        }
        if (payload instanceof Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof JsonObject object) {
            return object.encode().getBytes(StandardCharsets.UTF_8);
        }
        return String.valueOf(payload).getBytes(StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
        blocking.shutdownNow();
    }
}
