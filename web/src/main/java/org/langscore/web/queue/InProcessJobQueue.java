package org.langscore.web.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * The embedded default: a queue in the memory of one process. Messages are lost with the process,
 * which is harmless because the jobs are in the database: {@code serve} publishes every live job
 * again when it starts. Dead-lettered messages are logged and kept for inspection.
 */
public final class InProcessJobQueue implements JobQueue {
    private static final Logger LOG = Logger.getLogger(InProcessJobQueue.class);

    private final BlockingQueue<UUID> queue = new LinkedBlockingQueue<>();
    private final List<String> deadLetters = new ArrayList<>();
    private final ScheduledExecutorService redelivery = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "langscore-queue-redelivery");
        thread.setDaemon(true);
        return thread;
    });
    private final long retryDelayMillis;

    /** @param retryDelayMillis how long a retried message waits before it is delivered again */
    public InProcessJobQueue(long retryDelayMillis) {
        this.retryDelayMillis = retryDelayMillis;
    }

    @Override
    public void publish(UUID jobId) {
        queue.add(jobId);
    }

    @Override
    public Consumers startConsumers(String workerId, int count, JobHandler handler) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String consumerId = workerId + "-" + i;
            Thread thread = new Thread(() -> consume(consumerId, handler), "langscore-worker " + consumerId);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return () -> threads.forEach(Thread::interrupt);
    }

    private void consume(String consumerId, JobHandler handler) {
        while (!Thread.currentThread().isInterrupted()) {
            UUID jobId;
            try {
                jobId = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            Outcome outcome;
            try {
                outcome = handler.handle(jobId, consumerId);
            } catch (RuntimeException e) {
                LOG.errorf(e, "worker %s could not handle job %s; it goes back to the queue", consumerId, jobId);
                outcome = Outcome.RETRY;
            }
            switch (outcome.disposition()) {
                case DONE -> { }
                case RETRY -> redelivery.schedule(() -> queue.add(jobId), retryDelayMillis, TimeUnit.MILLISECONDS);
                case DEAD_LETTER -> {
                    LOG.warnf("job %s dead-lettered: %s", jobId, outcome.reason());
                    synchronized (deadLetters) {
                        deadLetters.add(jobId + ": " + outcome.reason());
                    }
                }
            }
        }
    }

    /** @return the dead-lettered jobs with their reasons */
    public List<String> deadLetters() {
        synchronized (deadLetters) {
            return List.copyOf(deadLetters);
        }
    }

    @Override
    public boolean isOpen() {
        return !redelivery.isShutdown();
    }

    @Override
    public void close() {
        redelivery.shutdownNow();
    }
}
