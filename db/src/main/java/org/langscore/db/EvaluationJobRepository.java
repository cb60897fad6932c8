package org.langscore.db;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Creates evaluation jobs and moves them between states. Every transition is one conditional
 * {@code UPDATE ... WHERE state = ...} (and, for a running job, {@code AND worker_id = ...}): the
 * database decides which of two competing workers wins, so that a job runs on one worker at a time.
 * A RUNNING job whose heartbeat is older than the lease belongs to a dead worker and may be taken over;
 * lease times are always compared with the database's {@code now()}, never with a worker's clock.
 * Each method returns how many rows changed (0 or 1) where that tells the caller whether it won.
 */
@ApplicationScoped
public class EvaluationJobRepository implements PanacheRepositoryBase<EvaluationJobEntity, UUID> {

    /** Records a new QUEUED float32 job. */
    @Transactional
    public EvaluationJobEntity create(long modelId, String benchmark, String policy) {
        return create(modelId, benchmark, policy, "float32");
    }

    /** Records a new QUEUED job whose subject computes its weight products in {@code dtype}. */
    @Transactional
    public EvaluationJobEntity create(long modelId, String benchmark, String policy, String dtype) {
        EvaluationJobEntity job = new EvaluationJobEntity();
        job.dtype = dtype;
        job.id = UUID.randomUUID();
        job.modelId = modelId;
        job.benchmark = benchmark;
        job.policy = policy;
        job.state = JobState.QUEUED;
        job.createdAt = Instant.now();
        persist(job);
        return job;
    }

    /**
     * Gives the job to a worker: a QUEUED job, or a RUNNING one whose holder stopped beating for
     * longer than the lease. Counts an attempt. Times are the database's ({@code now()}), so that
     * workers whose clocks differ still agree on who holds a job.
     *
     * @return 1 when the worker now holds the job, 0 when someone else does or it is final
     */
    @Transactional
    public int claim(UUID id, String workerId, Duration lease) {
        return native_("""
                UPDATE evaluation_jobs SET state = 'RUNNING', worker_id = :worker, attempts = attempts + 1,
                    started_at = now(), heartbeat_at = now(), progress_fraction = 0, words_per_second = 0,
                    progress_stage = NULL, row_version = row_version + 1
                WHERE id = :id AND (state = 'QUEUED'
                    OR (state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => :lease)))
                """).setParameter("worker", workerId).setParameter("id", id)
                .setParameter("lease", seconds(lease)).executeUpdate();
    }

    /**
     * Records progress and proves that the holder is alive (at the database's {@code now()}).
     *
     * @return 0 when the worker no longer holds the job (it was cancelled or taken over)
     */
    @Transactional
    public int heartbeat(UUID id, String workerId, double fraction, double wordsPerSecond, String stage) {
        return native_("""
                UPDATE evaluation_jobs SET heartbeat_at = now(), progress_fraction = :fraction,
                    words_per_second = :rate, progress_stage = :stage
                WHERE id = :id AND worker_id = :worker AND state = 'RUNNING'
                """).setParameter("fraction", fraction).setParameter("rate", wordsPerSecond)
                .setParameter("stage", stage).setParameter("id", id)
                .setParameter("worker", workerId).executeUpdate();
    }

    /**
     * Marks a held job SUCCEEDED with its score. Joins the caller's transaction so that the score
     * and the state commit together.
     *
     * @return 0 when the worker no longer holds the job
     */
    @Transactional
    public int succeed(UUID id, String workerId, long scoreId, Instant now) {
        return update("state = :succeeded, scoreId = :score, finishedAt = :now, progressFraction = 1, lastError = null,"
                        + " rowVersion = rowVersion + 1 where id = :id and workerId = :worker and state = :running",
                Parameters.with("succeeded", JobState.SUCCEEDED).and("score", scoreId).and("now", now).and("id", id)
                        .and("worker", workerId).and("running", JobState.RUNNING));
    }

    /**
     * Puts a held job back in the queue after a failed attempt; it waits in the outbox until a message
     * for it is published.
     *
     * @return 0 when the worker no longer holds the job
     */
    @Transactional
    public int requeue(UUID id, String workerId, String error) {
        return update("state = :queued, lastError = :error, publishedAt = null, rowVersion = rowVersion + 1"
                        + " where id = :id and workerId = :worker and state = :running",
                Parameters.with("queued", JobState.QUEUED).and("error", error).and("id", id).and("worker", workerId)
                        .and("running", JobState.RUNNING));
    }

    /**
     * Marks a held job FAILED for good.
     *
     * @return 0 when the worker no longer holds the job
     */
    @Transactional
    public int fail(UUID id, String workerId, String error, Instant now) {
        return update("state = :failed, lastError = :error, finishedAt = :now, rowVersion = rowVersion + 1"
                        + " where id = :id and workerId = :worker and state = :running",
                Parameters.with("failed", JobState.FAILED).and("error", error).and("now", now).and("id", id)
                        .and("worker", workerId).and("running", JobState.RUNNING));
    }

    /**
     * Marks a job FAILED without holding it: a job whose attempts are used up, found QUEUED or held by
     * a dead worker (its heartbeat older than the lease at the database's {@code now()}).
     *
     * @return 0 when the job is held by a live worker or already final
     */
    @Transactional
    public int failUnheld(UUID id, String error, Duration lease) {
        return native_("""
                UPDATE evaluation_jobs SET state = 'FAILED', last_error = :error, finished_at = now(),
                    row_version = row_version + 1
                WHERE id = :id AND (state = 'QUEUED'
                    OR (state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => :lease)))
                """).setParameter("error", error).setParameter("id", id).setParameter("lease", seconds(lease))
                .executeUpdate();
    }

    /**
     * Marks a held job CANCELLED after its worker stopped it.
     *
     * @return 0 when the worker no longer holds the job
     */
    @Transactional
    public int cancelHeld(UUID id, String workerId, Instant now) {
        return update("state = :cancelled, finishedAt = :now, rowVersion = rowVersion + 1"
                        + " where id = :id and workerId = :worker and state = :running",
                Parameters.with("cancelled", JobState.CANCELLED).and("now", now).and("id", id).and("worker", workerId)
                        .and("running", JobState.RUNNING));
    }

    /**
     * Cancels a live job. A running worker notices at its next heartbeat and stops.
     *
     * @return 0 when the job is already final
     */
    @Transactional
    public int cancel(UUID id, Instant now) {
        return update("state = :cancelled, finishedAt = :now, rowVersion = rowVersion + 1"
                        + " where id = :id and state in (:queued, :running)",
                Parameters.with("cancelled", JobState.CANCELLED).and("now", now).and("id", id)
                        .and("queued", JobState.QUEUED).and("running", JobState.RUNNING));
    }

    /**
     * Puts a FAILED or CANCELLED job back in the queue with a fresh count of attempts.
     *
     * @return 0 when the job is not FAILED or CANCELLED
     */
    @Transactional
    public int retry(UUID id) {
        return update("state = :queued, attempts = 0, workerId = null, finishedAt = null, progressFraction = 0,"
                        + " wordsPerSecond = 0, publishedAt = null, rowVersion = rowVersion + 1 where id = :id and state in (:failed, :cancelled)",
                Parameters.with("queued", JobState.QUEUED).and("id", id).and("failed", JobState.FAILED)
                        .and("cancelled", JobState.CANCELLED));
    }

    /** @return the job as it is in the database now, bypassing anything cached in the session */
    @Transactional
    public Optional<EvaluationJobEntity> current(UUID id) {
        Optional<EvaluationJobEntity> job = findByIdOptional(id);
        job.ifPresent(getEntityManager()::refresh);
        return job;
    }

    /**
     * Notes that the queue confirmed a message for the job (at the database's {@code now()}).
     *
     * @return 0 when the job does not exist
     */
    @Transactional
    public int markPublished(UUID id) {
        return native_("UPDATE evaluation_jobs SET published_at = now() WHERE id = :id").setParameter("id", id)
                .executeUpdate();
    }

    /**
     * Forgets every publication of the QUEUED jobs, so that they are published again: for a queue
     * whose messages died with the last process (the in-process queue).
     *
     * @return how many jobs are now in the outbox
     */
    @Transactional
    public int forgetPublications() {
        return native_("UPDATE evaluation_jobs SET published_at = NULL WHERE state = 'QUEUED'").executeUpdate();
    }

    /**
     * The jobs that need a message, oldest first: QUEUED jobs with none (the outbox) or whose last one
     * is older than {@code republishAfter} (a message may have been lost), and RUNNING jobs whose
     * holder stopped beating for longer than the lease and that were not published since. Times are
     * the database's {@code now()}.
     *
     * @param limit at most this many
     */
    @Transactional
    public List<UUID> dueForDispatch(Duration republishAfter, Duration lease, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("""
                SELECT id FROM evaluation_jobs
                WHERE (state = 'QUEUED' AND (published_at IS NULL
                        OR published_at < now() - make_interval(secs => :republish)))
                   OR (state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => :lease)
                        AND (published_at IS NULL OR published_at < now() - make_interval(secs => :lease)))
                ORDER BY created_at LIMIT :limit
                """, UUID.class).setParameter("republish", seconds(republishAfter))
                .setParameter("lease", seconds(lease)).setParameter("limit", limit).getResultList();
        return ids;
    }

    private jakarta.persistence.Query native_(String sql) {
        return getEntityManager().createNativeQuery(sql);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /**
     * Lists jobs matching the filters, newest first; a null filter matches everything.
     *
     * @param state only jobs in this state
     * @param modelId only this model's jobs
     * @param benchmark only this benchmark's jobs
     */
    public List<EvaluationJobEntity> search(JobState state, Long modelId, String benchmark) {
        FilterQuery filter = filter(state, modelId, benchmark);
        return list(filter.orderedBy("createdAt desc"), filter.parameters());
    }

    /**
     * One page of {@link #search(JobState, Long, String)}, newest first.
     *
     * @param offset how many matching jobs to skip
     * @param limit the most jobs to return
     */
    public List<EvaluationJobEntity> search(JobState state, Long modelId, String benchmark, int offset, int limit) {
        FilterQuery filter = filter(state, modelId, benchmark);
        return find(filter.orderedBy("createdAt desc, id"), filter.parameters()).range(offset, offset + limit - 1).list();
    }

    /** @return how many jobs match the filters of {@link #search(JobState, Long, String)} */
    public long countMatching(JobState state, Long modelId, String benchmark) {
        FilterQuery filter = filter(state, modelId, benchmark);
        return count(filter.condition(), filter.parameters());
    }

    private static FilterQuery filter(JobState state, Long modelId, String benchmark) {
        return new FilterQuery().equal("state", state).equal("modelId", modelId).equal("benchmark", benchmark);
    }
}
