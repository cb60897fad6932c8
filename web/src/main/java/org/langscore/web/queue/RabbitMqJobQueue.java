package org.langscore.web.queue;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Messages are persistent and published with publisher confirms through the Quarkus Messaging
 * channels {@code job-messages} and {@code dead-letters} ({@link JobPublications}); the consumers are
 * the channel {@code jobs} ({@link JobInbox}). The RabbitMQ Java client ({@link BrokerConnection})
 * only declares the topology, on every new connection, and tells at once that a broker is down.
 */
public final class RabbitMqJobQueue implements JobQueue {
    /** The header naming the job of a dead-lettered message. */
    public static final String JOB_HEADER = "x-langscore-job";
    /** The header with the reason a message was dead-lettered. */
    public static final String REASON_HEADER = "x-langscore-reason";
    private static final java.time.Duration CONFIRM_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final BrokerConnection connection;
    private final ObjectMapper json;
    private final long retryDelayMillis;
    private final JobInbox inbox;
    private final JobPublications publications;

    /**
     * Uses a connection whose declarer is {@link #declarer(String)} of the same prefix.
     *
     * @param connection the connection, owned by the caller
     * @param prefix the prefix of every exchange and queue name
     * @param json writes and reads messages
     * @param retryDelayMillis how long a consumer waits before it returns a message it could not handle
     * @param inbox the consumer of the jobs channel
     * @param publications the publishing channels
     */
    public RabbitMqJobQueue(BrokerConnection connection, String prefix, ObjectMapper json, long retryDelayMillis,
                            JobInbox inbox, JobPublications publications) {
        this.connection = connection;
        this.json = json;
        this.retryDelayMillis = retryDelayMillis;
        this.inbox = inbox;
        this.publications = publications;
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

    /**
     * Publishes through the {@code job-messages} channel once the plain connection answers (a broker
     * that is down fails at once, and every new connection declares the topology again).
     */
    @Override
    public void publish(UUID jobId) {
        connection.get();
        publications.publishJob(jobId, body(jobId), CONFIRM_TIMEOUT);
    }

    /**
     * Publishes a message to the dead-letter exchange with the reason, through the {@code dead-letters}
     * channel, and waits for the confirm.
     *
     * @param jobId the message's job, or null for a malformed message
     */
    void publishDeadLetter(UUID jobId, byte[] body, String reason) {
        connection.get();
        publications.publishDeadLetter(jobId, body, reason, CONFIRM_TIMEOUT);
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
        // The channels belong to Quarkus Messaging; the connection to the caller.
    }
}
