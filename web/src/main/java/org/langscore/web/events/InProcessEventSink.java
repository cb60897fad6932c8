package org.langscore.web.events;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jboss.logging.Logger;

/** Keeps the most recent events in memory (for {@code GET /api/events}) and logs each at debug level. */
public final class InProcessEventSink implements EventSink {
    private static final Logger LOG = Logger.getLogger(InProcessEventSink.class);
    private static final int CAPACITY = 1000;

    private final Deque<PlatformEvent> recent = new ArrayDeque<>();

    @Override
    public synchronized void publish(PlatformEvent event) {
        LOG.debugf("event %s job=%s model=%s", event.type(), event.jobId(), event.modelId());
        if (recent.size() == CAPACITY) {
            recent.removeFirst();
        }
        recent.addLast(event);
    }

    /** @return the recent events, oldest first */
    public synchronized List<PlatformEvent> recent() {
        return List.copyOf(recent);
    }

    @Override
    public void close() {
    }
}
