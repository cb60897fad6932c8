package org.langscore.web.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import org.jboss.logging.Logger;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The job queue on RabbitMQ. Topology (all durable, declared idempotently on every connection):
 * <ul>
 *   <li>{@code <prefix>.jobs}: a direct exchange and a queue bound to it; the queue dead-letters
 *   rejected (malformed) messages to {@code <prefix>.jobs.dead};</li>
 *   <li>{@code <prefix>.jobs.dead}: a fanout exchange and the dead-letter queue bound to it. A job
 *   that failed for good is published there, with publisher confirms, with the headers
 *   {@code x-langscore-job} and {@code x-langscore-reason}.</li>
 * </ul>
 * Messages are persistent and published with publisher confirms on a channel that is opened again
 * after any failure. Each consumer ({@link ConsumerSlot}) has a channel with a prefetch of one and
 * acknowledges a message as soon as its job is held in the database, so that no delivery stays open
 * for the length of a job (RabbitMQ's {@code consumer_timeout}); while it runs the job it does not
 * consume. A watchdog subscribes idle consumers again after a broker restart or a closed channel.
 */
public final class RabbitMqJobQueue implements JobQueue {
    private static final Logger LOG = Logger.getLogger(RabbitMqJobQueue.class);
    /** The header naming the job of a dead-lettered message. */
    public static final String JOB_HEADER = "x-langscore-job";
    /** The header with the reason a message was dead-lettered. */
    public static final String REASON_HEADER = "x-langscore-reason";
    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;
    private static final long WATCHDOG_MILLIS = 500;

    private final BrokerConnection connection;
    private final ObjectMapper json;
    private final String exchange;
    private final String queue;
    private final String deadExchange;
    private final long retryDelayMillis;
    private final Object publishLock = new Object();
    private Channel publishChannel;

    /**
     * Uses a connection whose declarer is {@link #declarer(String)} of the same prefix.
     *
     * @param connection the connection, owned by the caller
     * @param prefix the prefix of every exchange and queue name
     * @param json writes and reads messages
     * @param retryDelayMillis how long a consumer waits before it returns a message it could not handle
     */
    public RabbitMqJobQueue(BrokerConnection connection, String prefix, ObjectMapper json, long retryDelayMillis) {
        this.connection = connection;
        this.json = json;
        this.exchange = prefix + ".jobs";
        this.queue = prefix + ".jobs";
        this.deadExchange = prefix + ".jobs.dead";
        this.retryDelayMillis = retryDelayMillis;
    }

    /** @return what declares the job exchange, queue, dead-letter exchange and dead-letter queue of a prefix */
    public static BrokerConnection.Declarer declarer(String prefix) {
        return channel -> declare(channel, prefix);
    }

    /** Declares the job exchange, queue, dead-letter exchange and dead-letter queue of a prefix. */
    public static void declare(Channel channel, String prefix) throws IOException {
        String exchange = prefix + ".jobs";
        String dead = prefix + ".jobs.dead";
        channel.exchangeDeclare(dead, BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(dead, true, false, false, null);
        channel.queueBind(dead, dead, "");
        channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare(exchange, true, false, false, Map.of("x-dead-letter-exchange", dead));
        channel.queueBind(exchange, exchange, "job");
    }

    @Override
    public void publish(UUID jobId) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .deliveryMode(2).messageId(jobId.toString()).build();
        confirmedPublish(exchange, "job", properties, body(jobId), "job " + jobId);
    }

    /** Publishes a job's message to the dead-letter exchange with the reason, and waits for the confirm. */
    void publishDeadLetter(UUID jobId, byte[] body, String reason) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .deliveryMode(2).messageId(jobId.toString())
                .headers(Map.of(JOB_HEADER, jobId.toString(), REASON_HEADER, reason)).build();
        confirmedPublish(deadExchange, "", properties, body, "the dead letter of job " + jobId);
    }

    private void confirmedPublish(String target, String routingKey, AMQP.BasicProperties properties, byte[] body,
                                  String what) {
        synchronized (publishLock) {
            try {
                if (publishChannel == null || !publishChannel.isOpen()) {
                    publishChannel = connection.channel();
                    publishChannel.confirmSelect();
                }
                publishChannel.basicPublish(target, routingKey, true, properties, body);
                // Waits for the broker's confirm; on a timeout or a nack the channel is closed,
                // and the next publish opens a new one.
                publishChannel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
            } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                BrokerConnection.closeQuietly(publishChannel);
                publishChannel = null;
                throw new ScoringException(ErrorCode.INTERNAL, "cannot publish " + what + " to exchange " + target
                        + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
            }
        }
    }

    private byte[] body(UUID jobId) {
        try {
            return json.writeValueAsBytes(new JobMessage(jobId));
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.INTERNAL, "cannot write the message of job " + jobId, e);
        }
    }

    /** @return the job id of a message body, or null when the body is not a job message */
    UUID jobIdOf(byte[] body) {
        try {
            return json.readValue(body, JobMessage.class).jobId();
        } catch (IOException | RuntimeException e) {
            LOG.errorf("rejecting a malformed job message (to %s): %s", deadExchange,
                    new String(body, StandardCharsets.UTF_8));
            return null;
        }
    }

    String queueName() {
        return queue;
    }

    long retryDelayMillis() {
        return retryDelayMillis;
    }

    BrokerConnection connection() {
        return connection;
    }

    @Override
    public Consumers startConsumers(String workerId, int count, JobHandler handler) {
        List<ConsumerSlot> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add(new ConsumerSlot(this, workerId + "-" + i, handler));
        }
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "langscore-consumer-watchdog " + workerId);
            thread.setDaemon(true);
            return thread;
        });
        // The first subscription happens now, so that a caller may rely on consumers being there.
        slots.forEach(ConsumerSlot::ensureSubscribed);
        watchdog.scheduleWithFixedDelay(() -> slots.forEach(ConsumerSlot::ensureSubscribed), WATCHDOG_MILLIS,
                WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
        return () -> {
            watchdog.shutdownNow();
            // No new deliveries; a running job hands itself back; then the channels close.
            slots.forEach(ConsumerSlot::stopConsuming);
            List<ExecutorService> executors = slots.stream().map(ConsumerSlot::executor).toList();
            for (ExecutorService executor : executors) {
                executor.shutdown();
            }
            for (ExecutorService executor : executors) {
                try {
                    executor.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            slots.forEach(ConsumerSlot::close);
        };
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        synchronized (publishLock) {
            BrokerConnection.closeQuietly(publishChannel);
            publishChannel = null;
        }
    }
}
