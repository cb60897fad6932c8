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
 * A RUNNING job whose heartbeat is older than the lease belongs to a dead worker and may be taken over.
 * Each method returns how many rows changed (0 or 1) where that tells the caller whether it won.
 */
@ApplicationScoped
public class EvaluationJobRepository implements PanacheRepositoryBase<EvaluationJobEntity, UUID> {

    /** Records a new QUEUED job. */
    @Transactional
    public EvaluationJobEntity create(long modelId, String benchmark, String policy) {
        EvaluationJobEntity job = new EvaluationJobEntity();
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
     * longer than the lease. Counts an attempt.
     *
     * @return 1 when the worker now holds the job, 0 when someone else does or it is final
     */
    @Transactional
    public int claim(UUID id, String workerId, Instant now, Duration lease) {
        return update("state = :running, workerId = :worker, attempts = attempts + 1, startedAt = :now,"
                        + " heartbeatAt = :now, progressFraction = 0, wordsPerSecond = 0, progressStage = null,"
                        + " rowVersion = rowVersion + 1"
                        + " where id = :id and (state = :queued or (state = :running and heartbeatAt < :expired))",
                Parameters.with("running", JobState.RUNNING).and("worker", workerId).and("now", now).and("id", id)
                        .and("queued", JobState.QUEUED).and("expired", now.minus(lease)));
    }

    /**
     * Records progress and proves that the holder is alive.
     *
     * @return 0 when the worker no longer holds the job (it was cancelled or taken over)
     */
    @Transactional
    public int heartbeat(UUID id, String workerId, Instant now, double fraction, double wordsPerSecond, String stage) {
        return update("heartbeatAt = :now, progressFraction = :fraction, wordsPerSecond = :rate, progressStage = :stage"
                        + " where id = :id and workerId = :worker and state = :running",
                Parameters.with("now", now).and("fraction", fraction).and("rate", wordsPerSecond).and("stage", stage)
                        .and("id", id).and("worker", workerId).and("running", JobState.RUNNING));
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
     * Puts a held job back in the queue after a failed attempt.
     *
     * @return 0 when the worker no longer holds the job
     */
    @Transactional
    public int requeue(UUID id, String workerId, String error) {
        return update("state = :queued, lastError = :error, rowVersion = rowVersion + 1"
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
     * a dead worker.
     *
     * @return 0 when the job is held by a live worker or already final
     */
    @Transactional
    public int failUnheld(UUID id, String error, Instant now, Duration lease) {
        return update("state = :failed, lastError = :error, finishedAt = :now, rowVersion = rowVersion + 1"
                        + " where id = :id and (state = :queued or (state = :running and heartbeatAt < :expired))",
                Parameters.with("failed", JobState.FAILED).and("error", error).and("now", now).and("id", id)
                        .and("queued", JobState.QUEUED).and("running", JobState.RUNNING)
                        .and("expired", now.minus(lease)));
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
                        + " wordsPerSecond = 0, rowVersion = rowVersion + 1 where id = :id and state in (:failed, :cancelled)",
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

    /** @return the jobs that are QUEUED or RUNNING, oldest first */
    public List<EvaluationJobEntity> listLive() {
        return list("state in ?1 order by createdAt", List.of(JobState.QUEUED, JobState.RUNNING));
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
