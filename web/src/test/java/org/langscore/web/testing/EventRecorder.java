package org.langscore.web.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * Records every event of the events exchange through a queue of its own (exclusive, deleted with the
 * recorder), as another service listening to langscore would.
 */
public final class EventRecorder implements AutoCloseable {
    private final Connection connection;
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    /** Binds a new queue to {@code <prefix>.events} with "#" and starts recording. */
    public EventRecorder(String prefix) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(PlatformServers.AMQP_URL);
        connection = factory.newConnection("langscore-it-events");
        Channel channel = connection.createChannel();
        String exchange = prefix + ".events";
        channel.exchangeDeclare(exchange, "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, "#");
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                events.add(json.readValue(new String(body, StandardCharsets.UTF_8),
                        new TypeReference<Map<String, Object>>() { }));
            }
        });
    }

    /** @return the types of the events of a job, in the order they arrived */
    public List<String> typesOf(String jobId) {
        return events.stream().filter(e -> jobId.equals(e.get("jobId"))).map(e -> (String) e.get("type")).toList();
    }

    /** @return every event recorded so far */
    public List<Map<String, Object>> all() {
        return List.copyOf(events);
    }

    @Override
    public void close() throws IOException, TimeoutException {
        connection.close();
    }
}
