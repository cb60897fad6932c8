package org.langscore.web.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * The embedded default: a queue in the memory of one process. Messages are lost with the process,
 * which is harmless because the jobs are in the database: when {@code serve} starts, the
 * {@link JobDispatcher} publishes every QUEUED job again, and every RUNNING one once its lease has run
 * out. Dead-lettered messages are logged and kept for inspection.
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
        AtomicBoolean closing = new AtomicBoolean();
        for (int i = 0; i < count; i++) {
            String consumerId = workerId + "-" + i;
            Thread thread = new Thread(() -> consume(consumerId, handler, closing), "langscore-worker " + consumerId);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return () -> {
            closing.set(true);
            threads.forEach(Thread::interrupt);
            // Wait for a running job to hand itself back while the database is still there.
            for (Thread thread : threads) {
                try {
                    thread.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };
    }

    private void consume(String consumerId, JobHandler handler, AtomicBoolean closing) {
        while (!Thread.currentThread().isInterrupted()) {
            UUID jobId;
            try {
                jobId = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            Outcome outcome;
            try {
                outcome = handler.handle(jobId, consumerId, closing::get, () -> { });
            } catch (Throwable e) {
                // Nothing a job throws, not even an Error, ends the consumer thread.
                LOG.errorf(e, "worker %s could not handle job %s; it goes back to the queue", consumerId, jobId);
                outcome = Outcome.RETRY;
            }
            switch (outcome.disposition()) {
                case DONE -> { }
                case RETRY -> {
                    try {
                        redelivery.schedule(() -> queue.add(jobId), retryDelayMillis, TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        // Closing: the job is QUEUED in the database and is queued again at the next start.
                        LOG.debugf("queue closed; job %s waits in the database", jobId);
                    }
                }
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
