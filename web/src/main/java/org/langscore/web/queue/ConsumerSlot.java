package org.langscore.web.queue;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.jboss.logging.Logger;

/**
 * One consumer of the RabbitMQ job queue: a channel with a prefetch of one and a thread that runs one
 * job at a time. It consumes only while idle: once the handler holds a job, the slot cancels its
 * subscription and acknowledges the message, runs the job, then subscribes again. Nothing a job
 * throws, not even an {@link Error}, ends the slot. {@link #ensureSubscribed()} (the watchdog) opens a
 * new channel when the broker closed the old one or restarted.
 */
final class ConsumerSlot {
    private static final Logger LOG = Logger.getLogger(ConsumerSlot.class);

    private final RabbitMqJobQueue queue;
    private final String consumerId;
    private final JobHandler handler;
    private final ExecutorService executor;
    private final AtomicBoolean closing = new AtomicBoolean();
    private Channel channel;
    private boolean subscribed;
    private boolean busy;
    private boolean announced;

    ConsumerSlot(RabbitMqJobQueue queue, String consumerId, JobHandler handler) {
        this.queue = queue;
        this.consumerId = consumerId;
        this.handler = handler;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "langscore-worker " + consumerId);
            thread.setDaemon(true);
            return thread;
        });
    }

    ExecutorService executor() {
        return executor;
    }

    /** Subscribes when idle and not subscribed (a new channel when the old one is closed). Never throws. */
    synchronized void ensureSubscribed() {
        if (closing.get() || busy || (subscribed && channel != null && channel.isOpen())) {
            return;
        }
        try {
            if (channel == null || !channel.isOpen()) {
                channel = queue.connection().channel();
                channel.basicQos(1);
            }
            Channel current = channel;
            current.basicConsume(queue.queueName(), false, consumerId, new DefaultConsumer(current) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) {
                    onDelivery(current, envelope.getDeliveryTag(), body);
                }
            });
            if (!announced) {
                announced = true;
                LOG.infof("worker %s consumes queue %s", consumerId, queue.queueName());
            }
            subscribed = true;
        } catch (IOException | RuntimeException e) {
            LOG.debugf("worker %s cannot subscribe now: %s", consumerId, e.getMessage());
            subscribed = false;
        }
    }

    private synchronized void onDelivery(Channel from, long tag, byte[] body) {
        if (busy || closing.get()) {
            // Cannot happen with a prefetch of one and the cancel before the ack; returned, to be safe.
            settle(from, tag, Settle.REQUEUE);
            return;
        }
        busy = true;
        executor.execute(() -> deliver(from, tag, body));
    }

    private void deliver(Channel from, long tag, byte[] body) {
        AtomicBoolean acknowledged = new AtomicBoolean();
        try {
            UUID jobId = queue.jobIdOf(body);
            if (jobId == null) {
                settle(from, tag, Settle.REJECT);
                return;
            }
            Outcome outcome;
            try {
                outcome = handler.handle(jobId, consumerId, closing::get, () -> {
                    unsubscribe(from);
                    acknowledged.set(settle(from, tag, Settle.ACK));
                });
            } catch (Throwable e) {
                // The database is unreachable, or a bug: nothing is committed unless the job was held,
                // and a held job comes back through the dispatcher once its lease runs out.
                LOG.errorf(e, "worker %s could not handle job %s", consumerId, jobId);
                outcome = Outcome.RETRY;
            }
            switch (outcome.disposition()) {
                case DONE -> {
                    if (!acknowledged.get()) {
                        settle(from, tag, Settle.ACK);
                    }
                }
                case RETRY -> {
                    if (!acknowledged.get()) {
                        Thread.sleep(queue.retryDelayMillis());
                        settle(from, tag, Settle.REQUEUE);
                    }
                }
                case DEAD_LETTER -> {
                    try {
                        queue.publishDeadLetter(jobId, body, outcome.reason());
                    } catch (RuntimeException e) {
                        // The job is FAILED with its reason in the database; only the copy is missing.
                        LOG.warnf("the dead letter of job %s was not published: %s", jobId, e.getMessage());
                    }
                    if (!acknowledged.get()) {
                        settle(from, tag, Settle.ACK);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            LOG.errorf(e, "worker %s failed while settling a message", consumerId);
        } finally {
            synchronized (this) {
                busy = false;
            }
            ensureSubscribed();
        }
    }

    private synchronized void unsubscribe(Channel from) {
        if (subscribed && from == channel) {
            try {
                from.basicCancel(consumerId);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("cancelling consumer %s failed: %s", consumerId, e.getMessage());
            }
            subscribed = false;
        }
    }

    /** What to do with a delivery. */
    private enum Settle { ACK, REQUEUE, REJECT }

    /** @return whether the broker was told; a lost channel returns the message to the queue by itself */
    private boolean settle(Channel from, long tag, Settle how) {
        try {
            switch (how) {
                case ACK -> from.basicAck(tag, false);
                case REQUEUE -> from.basicNack(tag, false, true);
                case REJECT -> from.basicReject(tag, false);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("worker %s lost its channel while settling a message: %s", consumerId, e.getMessage());
            return false;
        }
    }

    /** Stops taking messages: a running job sees {@code stopping} and hands itself back. */
    void stopConsuming() {
        closing.set(true);
        synchronized (this) {
            if (subscribed && channel != null) {
                try {
                    channel.basicCancel(consumerId);
                } catch (IOException | RuntimeException e) {
                    LOG.debugf("cancelling consumer %s failed: %s", consumerId, e.getMessage());
                }
                subscribed = false;
            }
        }
    }

    synchronized void close() {
        BrokerConnection.closeQuietly(channel);
        channel = null;
        executor.shutdownNow();
    }
}
