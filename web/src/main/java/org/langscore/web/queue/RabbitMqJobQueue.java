package org.langscore.web.queue;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The job queue on RabbitMQ. Topology (all durable, declared idempotently on every connection):
 * <ul>
 *   <li>{@code <prefix>.jobs}: a direct exchange and a queue bound to it; the queue dead-letters
 *   messages the broker is told to drop to {@code <prefix>.jobs.dead};</li>
 *   <li>{@code <prefix>.jobs.dead}: a fanout exchange and the dead-letter queue bound to it. A job
 *   that failed for good, or a malformed message, is published there, with publisher confirms, with
 *   the headers {@code x-langscore-job} (for a job) and {@code x-langscore-reason}.</li>
 * </ul>
 * Messages are persistent and published with publisher confirms on a channel that is opened again
 * after any failure (the RabbitMQ Java client). The consumers are the Quarkus Messaging channel
 * {@code jobs} ({@link JobInbox}); this class only hands it the workers.
 */
public final class RabbitMqJobQueue implements JobQueue {
    /** The header naming the job of a dead-lettered message. */
    public static final String JOB_HEADER = "x-langscore-job";
    /** The header with the reason a message was dead-lettered. */
    public static final String REASON_HEADER = "x-langscore-reason";
    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    private final BrokerConnection connection;
    private final ObjectMapper json;
    private final String exchange;
    private final String deadExchange;
    private final long retryDelayMillis;
    private final JobInbox inbox;
    private final Object publishLock = new Object();
    private Channel publishChannel;

    /**
     * Uses a connection whose declarer is {@link #declarer(String)} of the same prefix.
     *
     * @param connection the connection, owned by the caller
     * @param prefix the prefix of every exchange and queue name
     * @param json writes and reads messages
     * @param retryDelayMillis how long a consumer waits before it returns a message it could not handle
     * @param inbox the consumer of the jobs channel
     */
    public RabbitMqJobQueue(BrokerConnection connection, String prefix, ObjectMapper json, long retryDelayMillis,
                            JobInbox inbox) {
        this.connection = connection;
        this.json = json;
        this.exchange = prefix + ".jobs";
        this.deadExchange = prefix + ".jobs.dead";
        this.retryDelayMillis = retryDelayMillis;
        this.inbox = inbox;
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

    /**
     * Publishes a message to the dead-letter exchange with the reason, and waits for the confirm.
     *
     * @param jobId the message's job, or null for a malformed message
     */
    void publishDeadLetter(UUID jobId, byte[] body, String reason) {
        AMQP.BasicProperties.Builder properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .deliveryMode(2);
        if (jobId != null) {
            properties.messageId(jobId.toString()).headers(Map.of(JOB_HEADER, jobId.toString(), REASON_HEADER, reason));
        } else {
            properties.headers(Map.of(REASON_HEADER, reason));
        }
        confirmedPublish(deadExchange, "", properties.build(), body,
                jobId != null ? "the dead letter of job " + jobId : "a malformed message");
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

    /** Starts consumers on the Quarkus Messaging channel {@code jobs}; dead letters go through this queue. */
    @Override
    public Consumers startConsumers(String workerId, int count, JobHandler handler) {
        return inbox.start(workerId, count, handler, this::publishDeadLetter, retryDelayMillis);
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
