package org.langscore.web.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.jboss.logging.Logger;

/**
 * Publishes events to a durable topic exchange ({@code <prefix>.events}) with the event type as
 * routing key, so that a consumer can bind to {@code job.#} or {@code score.recorded}. One channel,
 * used under a lock: events of one process keep their order.
 */
public final class RabbitMqEventSink implements EventSink {
    private static final Logger LOG = Logger.getLogger(RabbitMqEventSink.class);

    private final Channel channel;
    private final String exchange;
    private final ObjectMapper json;

    /**
     * Opens a channel on the connection and declares the exchange.
     *
     * @param connection an open connection, owned by the caller
     * @param exchange the exchange name
     * @param json the mapper that writes events
     */
    public RabbitMqEventSink(Connection connection, String exchange, ObjectMapper json) throws IOException {
        this.channel = connection.createChannel();
        this.exchange = exchange;
        this.json = json;
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
    }

    /** Declares the events exchange on a channel (for consumers that bind before anything is published). */
    public static void declare(Channel channel, String exchange) throws IOException {
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
    }

    @Override
    public synchronized void publish(PlatformEvent event) {
        try {
            byte[] body = json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                    .deliveryMode(2).messageId(event.eventId().toString()).type(event.type()).build();
            channel.basicPublish(exchange, event.type(), properties, body);
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "cannot write event %s", event);
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "event %s %s was not published to exchange %s", event.type(), event.eventId(), exchange);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debugf(e, "closing the events channel failed");
        }
    }
}
