package org.langscore.web.events;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The process's event publisher. Events go to the process itself until the platform starts and
 * switches them to the RabbitMQ events exchange (when it runs on RabbitMQ).
 */
@ApplicationScoped
public class Events {
    private final InProcessEventSink inProcess = new InProcessEventSink();
    private volatile EventSink sink = inProcess;

    /** Publishes an event. Never throws. */
    public void publish(PlatformEvent event) {
        sink.publish(event);
    }

    /** Publishes the event a builder describes. */
    public void publish(PlatformEvent.Builder event) {
        publish(event.build());
    }

    /** Sends later events to the sink. */
    public void use(EventSink next) {
        this.sink = next;
    }

    /** @return the in-process sink, which holds the recent events when the platform runs without RabbitMQ */
    public InProcessEventSink inProcess() {
        return inProcess;
    }
}
