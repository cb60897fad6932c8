package org.langscore.web.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.jboss.logging.Logger;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The job queue on RabbitMQ. Topology (all durable, declared idempotently by every process):
 * <ul>
 *   <li>{@code <prefix>.jobs}: a direct exchange and a queue bound to it; the queue dead-letters
 *   rejected messages to {@code <prefix>.jobs.dead};</li>
 *   <li>{@code <prefix>.jobs.dead}: a fanout exchange and the dead-letter queue bound to it. A job
 *   that failed for good is published there with the headers {@code x-langscore-job} and
 *   {@code x-langscore-reason}.</li>
 * </ul>
 * Each consumer has its own channel with a prefetch of one and acknowledges a message only after the
 * handler returned, i.e. after the score or the job's state is committed. A message to be tried again
 * is published anew at the tail of the queue (then acknowledged), so that it does not block others. A consumer that dies leaves
 * its message unacknowledged, and RabbitMQ delivers it to another consumer.
 */
public final class RabbitMqJobQueue implements JobQueue {
    private static final Logger LOG = Logger.getLogger(RabbitMqJobQueue.class);
    /** The header naming the job of a dead-lettered message. */
    public static final String JOB_HEADER = "x-langscore-job";
    /** The header with the reason a message was dead-lettered. */
    public static final String REASON_HEADER = "x-langscore-reason";

    private final Connection connection;
    private final Channel publishChannel;
    private final ObjectMapper json;
    private final String exchange;
    private final String queue;
    private final String deadExchange;
    private final String deadQueue;
    private final long retryDelayMillis;

    /**
     * Declares the topology and opens a publishing channel with publisher confirms.
     *
     * @param connection an open connection, owned by the caller
     * @param prefix the prefix of every exchange and queue name
     * @param json writes and reads messages
     * @param retryDelayMillis how long a consumer waits before it returns a message to the queue
     */
    public RabbitMqJobQueue(Connection connection, String prefix, ObjectMapper json, long retryDelayMillis) {
        this.connection = connection;
        this.json = json;
        this.exchange = prefix + ".jobs";
        this.queue = prefix + ".jobs";
        this.deadExchange = prefix + ".jobs.dead";
        this.deadQueue = prefix + ".jobs.dead";
        this.retryDelayMillis = retryDelayMillis;
        try {
            publishChannel = connection.createChannel();
            declare(publishChannel, prefix);
            publishChannel.confirmSelect();
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.INTERNAL, "cannot declare the job queue " + queue + " on RabbitMQ", e);
        }
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

    /** @return the name of the dead-letter queue */
    public String deadLetterQueue() {
        return deadQueue;
    }

    @Override
    public void publish(UUID jobId) {
        try {
            byte[] body = json.writeValueAsBytes(new JobMessage(jobId));
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                    .deliveryMode(2).messageId(jobId.toString()).build();
            synchronized (publishChannel) {
                publishChannel.basicPublish(exchange, "job", true, properties, body);
                publishChannel.waitForConfirmsOrDie(10_000);
            }
        } catch (IOException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ScoringException(ErrorCode.INTERNAL, "cannot publish job " + jobId + " to exchange " + exchange, e);
        }
    }

    @Override
    public Consumers startConsumers(String workerId, int count, JobHandler handler) {
        List<Channel> channels = new ArrayList<>();
        List<ExecutorService> executors = new ArrayList<>();
        AtomicBoolean closing = new AtomicBoolean();
        try {
            for (int i = 0; i < count; i++) {
                String consumerId = workerId + "-" + i;
                Channel channel = connection.createChannel();
                channel.basicQos(1);
                ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "langscore-worker " + consumerId);
                    thread.setDaemon(true);
                    return thread;
                });
                channels.add(channel);
                executors.add(executor);
                channel.basicConsume(queue, false, consumerId, new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                               byte[] body) {
                        executor.execute(() -> deliver(channel, consumerId, envelope, body, handler, closing));
                    }
                });
                LOG.infof("worker %s consumes queue %s", consumerId, queue);
            }
        } catch (IOException e) {
            closeAll(channels, executors);
            throw new ScoringException(ErrorCode.INTERNAL, "cannot consume queue " + queue, e);
        }
        return () -> {
            closing.set(true);
            // No new deliveries, let the running job settle its message, then close the channels.
            for (int i = 0; i < channels.size(); i++) {
                try {
                    channels.get(i).basicCancel(workerId + "-" + i);
                } catch (IOException | RuntimeException e) {
                    LOG.debugf(e, "cancelling consumer %s-%d failed", workerId, i);
                }
            }
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
            closeAll(channels, executors);
        };
    }

    private void deliver(Channel channel, String consumerId, Envelope envelope, byte[] body, JobHandler handler,
                         AtomicBoolean closing) {
        long tag = envelope.getDeliveryTag();
        try {
            UUID jobId;
            try {
                jobId = json.readValue(body, JobMessage.class).jobId();
            } catch (IOException | RuntimeException e) {
                LOG.errorf("rejecting a malformed job message (to %s): %s", deadQueue,
                        new String(body, StandardCharsets.UTF_8));
                channel.basicReject(tag, false);
                return;
            }
            Outcome outcome;
            try {
                outcome = handler.handle(jobId, consumerId, closing::get);
            } catch (RuntimeException e) {
                // A bug or an unreachable database: nothing is committed, so let the message come back.
                LOG.errorf(e, "worker %s could not handle job %s; the message goes back to the queue", consumerId, jobId);
                outcome = Outcome.RETRY;
            }
            switch (outcome.disposition()) {
                case DONE -> channel.basicAck(tag, false);
                case RETRY -> {
                    // Back to the tail of the queue, not its head: a job that waits (for another
                    // worker's lease to expire) must not block the jobs behind it. A crash between the
                    // publish and the ack leaves two messages, which the worker treats as one.
                    Thread.sleep(retryDelayMillis);
                    publish(jobId);
                    channel.basicAck(tag, false);
                }
                case DEAD_LETTER -> {
                    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                            .contentType("application/json").deliveryMode(2).messageId(jobId.toString())
                            .headers(Map.of(JOB_HEADER, jobId.toString(), REASON_HEADER, outcome.reason())).build();
                    channel.basicPublish(deadExchange, "", properties, body);
                    channel.basicAck(tag, false);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // The channel is gone: RabbitMQ returns the unacknowledged message to the queue by itself.
            LOG.warnf(e, "worker %s lost its channel while settling a message", consumerId);
        }
    }

    private static void closeAll(List<Channel> channels, List<ExecutorService> executors) {
        for (Channel channel : channels) {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException | TimeoutException | RuntimeException e) {
                LOG.debugf(e, "closing a consumer channel failed");
            }
        }
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
        }
        for (ExecutorService executor : executors) {
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isOpen() {
        return publishChannel.isOpen() && connection.isOpen();
    }

    @Override
    public void close() {
        try {
            synchronized (publishChannel) {
                if (publishChannel.isOpen()) {
                    publishChannel.close();
                }
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debugf(e, "closing the publishing channel failed");
        }
    }
}
