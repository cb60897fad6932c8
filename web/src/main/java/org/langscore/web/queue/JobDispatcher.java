package org.langscore.web.queue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.langscore.db.EvaluationJobRepository;
import org.langscore.web.service.PlatformSettings;

/**
 * Makes the database the queue's source of truth. A job is recorded first (QUEUED, with no
 * publication: the outbox); its message is published afterwards, and only a publication the queue
 * confirmed is noted ({@code published_at}). A sweeper publishes, every
 * {@code langscore.queue.sweep-interval}, the jobs that need a message: QUEUED jobs never published
 * (the broker was down, the process died after the commit) or published longer than
 * {@code langscore.queue.republish-after} ago, and RUNNING jobs whose worker stopped beating for
 * longer than the lease. A message more than needed does no harm: a worker that cannot take a job
 * drops its message. Thread-safe.
 */
@ApplicationScoped
public class JobDispatcher {
    private static final Logger LOG = Logger.getLogger(JobDispatcher.class);
    private static final int SWEEP_BATCH = 200;

    @Inject
    EvaluationJobRepository jobs;

    @Inject
    PlatformSettings settings;

    private volatile JobQueue queue;
    private ScheduledExecutorService sweeper;
    private volatile boolean failing;

    /** Starts sweeping into the queue. */
    public synchronized void start(JobQueue target) {
        stop();
        queue = target;
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "langscore-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, settings.sweepInterval().toMillis());
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Stops sweeping. */
    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
        queue = null;
    }

    /**
     * Publishes the messages of recorded jobs and notes each confirmed publication; stops at the first
     * failure, leaving the rest to the sweeper. Never throws.
     *
     * @return how many were published
     */
    public int dispatch(List<UUID> ids) {
        JobQueue target = queue;
        if (target == null) {
            return 0;
        }
        int published = 0;
        for (UUID id : ids) {
            try {
                target.publish(id);
                jobs.markPublished(id);
                published++;
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    LOG.warnf("cannot publish job %s now (%s); it stays QUEUED in the database and is published when"
                            + " the queue is back", id, e.getMessage());
                } else {
                    LOG.debugf(e, "cannot publish job %s", id);
                }
                return published;
            }
        }
        if (failing && published > 0) {
            failing = false;
            LOG.infof("publishing jobs again (%d just now)", published);
        }
        return published;
    }

    /** Publishes one job's message; see {@link #dispatch(List)}. */
    public boolean dispatch(UUID id) {
        return dispatch(List.of(id)) == 1;
    }

    /**
     * Publishes the jobs that need a message now.
     *
     * @return how many were published
     */
    public int sweep() {
        List<UUID> due = jobs.dueForDispatch(settings.republishAfter(), settings.lease(), SWEEP_BATCH);
        return due.isEmpty() ? 0 : dispatch(due);
    }

    private void sweepQuietly() {
        try {
            int published = sweep();
            if (published > 0) {
                LOG.debugf("sweeper published %d job(s)", published);
            }
        } catch (RuntimeException e) {
            // The database is unreachable: the next sweep tries again.
            LOG.warnf("the job sweeper cannot read the database: %s", e.getMessage());
        }
    }
}
