package org.langscore.web.events;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes events through the Quarkus Messaging channel {@code events} (the RabbitMQ connector, see
 * application.properties) to the durable topic exchange {@code <prefix>.events}: persistent messages
 * (delivery mode 2) whose routing key is the event type, so that a consumer can bind to {@code job.#}
 * or {@code score.recorded}. The emitter keeps the events of a process in order, and its buffer keeps
 * callers (a job's heartbeat) from ever waiting on the broker. The connector connects on the first
 * event, so a process that never switches {@link Events} to this sink (the command line) never
 * connects. Events are notifications, not the record: one the broker does not take is logged and
 * dropped; the database has the jobs and scores.
 */
@ApplicationScoped
public class MessagingEventSink implements EventSink {
    private static final Logger LOG = Logger.getLogger(MessagingEventSink.class);
    private static final int BACKLOG = 10_000;

    @Inject
    @org.eclipse.microprofile.reactive.messaging.Channel("events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BACKLOG)
    Emitter<String> emitter;

    @Inject
    ObjectMapper json;

    private volatile boolean failing;

    /** Declares the events exchange on a channel (for consumers that bind before anything is published). */
    public static void declare(Channel channel, String exchange) throws IOException {
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
    }

    @Override
    public void publish(PlatformEvent event) {
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "cannot write event %s", event);
            return;
        }
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder().withRoutingKey(event.type())
                .withDeliveryMode(2).withContentType("application/json").withMessageId(event.eventId().toString())
                .withType(event.type()).build();
        Message<String> message = Message.of(body).addMetadata(metadata).withAck(this::sent).withNack(this::lost);
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            // The buffer is full or the channel is closing.
            LOG.debugf("event %s %s dropped: %s", event.type(), event.eventId(), e.getMessage());
        }
    }

    private java.util.concurrent.CompletionStage<Void> sent() {
        if (failing) {
            failing = false;
            LOG.infof("events are published to RabbitMQ again");
        }
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    private java.util.concurrent.CompletionStage<Void> lost(Throwable reason) {
        if (!failing) {
            failing = true;
            LOG.warnf("events are not published to RabbitMQ (%s); they are dropped until the broker is back",
                    reason.getMessage());
        }
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        // The channel belongs to Quarkus Messaging, which closes it at shutdown.
    }
}
