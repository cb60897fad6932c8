package org.langscore.web.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import org.jboss.logging.Logger;
import org.langscore.web.queue.BrokerConnection;

/**
 * Publishes events to a durable topic exchange ({@code <prefix>.events}) as persistent messages, with
 * the event type as routing key, so that a consumer can bind to {@code job.#} or
 * {@code score.recorded}. One sending thread keeps the events of a process in order and keeps callers
 * (a job's heartbeat) from ever waiting on the broker. Events are notifications, not the record: while
 * the broker is down they are dropped and logged; the database has the jobs and scores.
 */
public final class RabbitMqEventSink implements EventSink {
    private static final Logger LOG = Logger.getLogger(RabbitMqEventSink.class);
    private static final int BACKLOG = 10_000;

    private final BrokerConnection connection;
    private final String exchange;
    private final ObjectMapper json;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(BACKLOG), r -> {
                Thread thread = new Thread(r, "langscore-events");
                thread.setDaemon(true);
                return thread;
            });
    private Channel channel;
    private boolean failing;

    /**
     * Publishes on a channel of the connection, whose declarer must include {@link #declare}.
     *
     * @param connection the connection, owned by the caller
     * @param exchange the exchange name
     * @param json the mapper that writes events
     */
    public RabbitMqEventSink(BrokerConnection connection, String exchange, ObjectMapper json) {
        this.connection = connection;
        this.exchange = exchange;
        this.json = json;
    }

    /** Declares the events exchange on a channel (for consumers that bind before anything is published). */
    public static void declare(Channel channel, String exchange) throws IOException {
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
    }

    @Override
    public void publish(PlatformEvent event) {
        try {
            sender.execute(() -> send(event));
        } catch (RejectedExecutionException e) {
            LOG.debugf("event %s %s dropped: the sender is closed or %d events wait", event.type(), event.eventId(),
                    BACKLOG);
        }
    }

    private void send(PlatformEvent event) {
        byte[] body;
        try {
            body = json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "cannot write event %s", event);
            return;
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .deliveryMode(2).messageId(event.eventId().toString()).type(event.type()).build();
        try {
            if (channel == null || !channel.isOpen()) {
                channel = connection.channel();
            }
            channel.basicPublish(exchange, event.type(), properties, body);
            if (failing) {
                failing = false;
                LOG.infof("events are published to exchange %s again", exchange);
            }
        } catch (IOException | RuntimeException e) {
            BrokerConnection.closeQuietly(channel);
            channel = null;
            if (!failing) {
                failing = true;
                LOG.warnf("events are not published to exchange %s (%s); they are dropped until RabbitMQ is back",
                        exchange, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        BrokerConnection.closeQuietly(channel);
    }
}
