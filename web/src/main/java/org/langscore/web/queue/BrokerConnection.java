package org.langscore.web.queue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.jboss.logging.Logger;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * One RabbitMQ connection that is opened again whenever it is asked for and closed: after a broker
 * restart, the next publish or the consumers' watchdog reconnects. The client's own automatic
 * recovery is off, because it cannot bring back a channel the broker closed (a consumer timeout, a
 * failed confirm); here every user opens the channels it needs on the current connection. After a
 * failed attempt, further attempts within a second fail at once, so that callers never queue up
 * behind a broker that is down. Thread-safe.
 */
public final class BrokerConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BrokerConnection.class);
    private static final long RETRY_PAUSE_NANOS = 1_000_000_000L;

    private final ConnectionFactory factory;
    private final String name;
    private final String safeUrl;
    private final Declarer declarer;
    private Connection connection;
    private long lastFailure;
    private boolean hadFailure;
    private boolean closed;

    /** Declares what a fresh connection needs (exchanges and queues), idempotently. */
    @FunctionalInterface
    public interface Declarer {
        /** Declares on a channel of a new connection. */
        void declare(Channel channel) throws IOException;
    }

    /**
     * Prepares a connection; connects on first use.
     *
     * @param url the AMQP URL
     * @param name the connection's name in the broker's management view
     * @param declarer declares the topology on each new connection
     * @throws ScoringException INVALID_ARGUMENT when the URL is not an AMQP URL
     */
    public BrokerConnection(String url, String name, Declarer declarer) {
        this.factory = new ConnectionFactory();
        this.name = name;
        this.safeUrl = org.langscore.web.service.Secrets.maskUrl(url);
        this.declarer = declarer;
        try {
            factory.setUri(url);
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "langscore.amqp.url (LANGSCORE_AMQP_URL) is not an"
                    + " AMQP URL: " + safeUrl, e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(5_000);
        factory.setRequestedHeartbeat(10);
    }

    /**
     * @return the open connection, connecting (and declaring) first if needed
     * @throws ScoringException INVALID_ARGUMENT when the broker cannot be reached
     */
    public synchronized Connection get() {
        if (closed) {
            throw new ScoringException(ErrorCode.INTERNAL, "the connection " + name + " to RabbitMQ is closed");
        }
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        if (hadFailure && System.nanoTime() - lastFailure < RETRY_PAUSE_NANOS) {
            throw new ScoringException(ErrorCode.INTERNAL, "RabbitMQ at " + safeUrl + " cannot be reached just now");
        }
        try {
            Connection fresh = factory.newConnection(name);
            try (Channel channel = fresh.createChannel()) {
                declarer.declare(channel);
            } catch (IOException | TimeoutException | RuntimeException e) {
                fresh.abort();
                throw e;
            }
            if (hadFailure) {
                LOG.infof("%s connected to RabbitMQ at %s again", name, safeUrl);
            }
            hadFailure = false;
            connection = fresh;
            return fresh;
        } catch (IOException | TimeoutException | RuntimeException e) {
            hadFailure = true;
            lastFailure = System.nanoTime();
            // The environment's problem, not a bug: one line, the password masked, no stack trace.
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "cannot connect to RabbitMQ at " + safeUrl + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + "; start the broker or set LANGSCORE_AMQP_URL (unset it for the in-process queue)", e);
        }
    }

    /** @return a new channel on the current connection */
    public Channel channel() {
        try {
            return get().createChannel();
        } catch (IOException | RuntimeException e) {
            if (e instanceof ScoringException scoring) {
                throw scoring;
            }
            throw new ScoringException(ErrorCode.INTERNAL, "cannot open a channel to RabbitMQ at " + safeUrl, e);
        }
    }

    /** @return whether the connection is open now (without connecting) */
    public synchronized boolean isOpen() {
        return connection != null && connection.isOpen();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            try {
                connection.close(5_000);
            } catch (IOException | RuntimeException e) {
                LOG.debugf(e, "closing %s failed", name);
            }
            connection = null;
        }
    }

    /** Closes a channel, ignoring any error (the channel may be dead already). */
    public static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debugf(e, "closing a channel failed");
        }
    }
}
