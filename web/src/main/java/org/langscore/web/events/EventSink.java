package org.langscore.web.events;

/** Where events go: the RabbitMQ events exchange, or the process itself. Thread-safe. */
public interface EventSink extends AutoCloseable {

    /** Publishes an event. Never throws: a lost event is logged, it does not fail the job. */
    void publish(PlatformEvent event);

    @Override
    void close();
}
