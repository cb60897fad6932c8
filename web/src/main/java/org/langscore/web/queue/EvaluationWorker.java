package org.langscore.web.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.db.EvaluationJobRepository;
import org.langscore.db.ScoreEntity;
import org.langscore.db.ScoreItemsEntity;
import org.langscore.db.ScoreRepository;
import org.langscore.runtime.ProgressMeter;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ProgressListener;
import org.langscore.spi.Score;
import org.langscore.spi.ScoringException;
import org.langscore.web.events.EventType;
import org.langscore.web.events.Events;
import org.langscore.web.events.PlatformEvent;
import org.langscore.web.scoring.EvaluationRunner;
import org.langscore.web.scoring.JobEvaluation;
import org.langscore.web.scoring.ScoreEntityMapper;
import org.langscore.web.service.PlatformSettings;

/**
 * Runs one evaluation job per call and owns only the job's life in the database: the lease (a
 * conditional update, so that only one worker holds the job, timed by the database's clock), the
 * heartbeat that keeps it and reports progress, the commit of the score with the job's SUCCEEDED
 * state in one short transaction, and the events. The evaluation itself is {@link JobEvaluation}'s
 * (through the same {@link EvaluationRunner} as {@code langscore score}); the rows are
 * {@link ScoreEntityMapper}'s.
 * <p>
 * The message is acknowledged as soon as the job is held; from then on the lease keeps the job safe
 * (a dead worker's job is published again by the {@link JobDispatcher} when its lease runs out). A
 * failed attempt, an {@link Error} included, puts the job back in the outbox until its attempts are
 * used up; then the job is FAILED, with its reason, and dead-lettered. A job refused for lack of
 * memory ({@link ErrorCode#INSUFFICIENT_MEMORY}) fails at once: another attempt on the same machine
 * would be refused again. A message of a job that is final, or held by a live worker, changes
 * nothing.
 */
@ApplicationScoped
public class EvaluationWorker implements JobHandler {
    private static final Logger LOG = Logger.getLogger(EvaluationWorker.class);

    @Inject
    EvaluationJobRepository jobs;

    @Inject
    ScoreRepository scores;

    @Inject
    JobEvaluation evaluation;

    @Inject
    ScoreEntityMapper mapper;

    @Inject
    PlatformSettings settings;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    Events events;

    @Inject
    MeterRegistry meters;

    private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(1, r -> {
        Thread thread = new Thread(r, "langscore-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final Set<String> completedBy = ConcurrentHashMap.newKeySet();

    @Override
    public Outcome handle(UUID jobId, String workerId, BooleanSupplier consumerStopping, Runnable claimed) {
        handled.incrementAndGet();
        Optional<EvaluationJobEntity> found = jobs.current(jobId);
        if (found.isEmpty()) {
            return Outcome.deadLetter("no evaluation job " + jobId + " in the database");
        }
        EvaluationJobEntity job = found.get();
        if (job.state.isFinal()) {
            LOG.debugf("job %s is already %s; message dropped", jobId, job.state);
            return Outcome.DONE;
        }
        if (job.attempts >= settings.maxAttempts()) {
            String reason = "gave up after " + job.attempts + " attempt(s); last error: "
                    + Objects.requireNonNullElse(job.lastError, "the worker stopped before it finished");
            if (jobs.failUnheld(jobId, reason, settings.lease()) == 1) {
                events.publish(PlatformEvent.of(EventType.JOB_FAILED).job(jobId, job.modelId, job.benchmark)
                        .worker(workerId).attempt(job.attempts).error(reason));
                return Outcome.deadLetter(reason);
            }
            return Outcome.DONE;
        }
        if (jobs.claim(jobId, workerId, settings.lease()) == 0) {
            // A live worker holds it, or it just became final. Should that worker die, the
            // dispatcher publishes the job again when its lease has run out.
            LOG.debugf("job %s is held by another worker or final; message dropped", jobId);
            return Outcome.DONE;
        }
        claimed.run();
        int attempt = job.attempts + 1;
        LOG.infof("worker %s runs job %s (model %d, benchmark %s, attempt %d)", workerId, jobId, job.modelId,
                job.benchmark, attempt);
        events.publish(PlatformEvent.of(EventType.JOB_STARTED).job(jobId, job.modelId, job.benchmark)
                .worker(workerId).attempt(attempt));
        return run(job, workerId, attempt, () -> stopping || consumerStopping.getAsBoolean());
    }

    private Outcome run(EvaluationJobEntity job, String workerId, int attempt, BooleanSupplier stopRequested) {
        Instant started = Instant.now();
        AtomicBoolean lost = new AtomicBoolean();
        ProgressReport report = new ProgressReport();
        long period = Math.max(50, settings.heartbeat().toMillis());
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(job, workerId, report, lost),
                period, period, TimeUnit.MILLISECONDS);
        Integer benchmarkVersion = null;
        try {
            JobEvaluation.JobPlan plan = evaluation.plan(job);
            int version = plan.benchmark().version();
            benchmarkVersion = version;
            Optional<ScoreEntity> existing = commit(() -> scores.findSuccessful(
                    job.modelId, plan.benchmark().identifier(), version, job.policy, job.dtype));
            if (existing.isPresent()) {
                long scoreId = existing.get().id;
                if (!commit(() -> jobs.succeed(job.id, workerId, scoreId, Instant.now()) == 1)) {
                    throw new LostJobException();
                }
                LOG.infof("job %s: model %s already has a score on %s v%d (%s); nothing recomputed", job.id,
                        plan.model().identifier, job.benchmark, version, job.policy);
                finished(job, workerId, scoreId);
                return Outcome.DONE;
            }
            EvaluationRunner.Result result = evaluation.run(job, plan, report.listener(),
                    () -> lost.get() || stopRequested.getAsBoolean());
            heartbeat.cancel(false);
            Score score = result.scores().get(0);
            ScoreEntity entity = mapper.score(job, score, result.subjectSettings(), plan.options(), started);
            List<ScoreItemsEntity> items = mapper.items(score);
            ScoreRepository.Recorded recorded = commit(() -> {
                ScoreRepository.Recorded r = scores.recordOnce(entity, items);
                if (jobs.succeed(job.id, workerId, r.scoreId(), Instant.now()) == 0) {
                    throw new LostJobException();
                }
                return r;
            });
            if (recorded.written()) {
                events.publish(PlatformEvent.of(EventType.SCORE_RECORDED).job(job.id, job.modelId, job.benchmark)
                        .score(recorded.scoreId()).value(score.value()));
            }
            finished(job, workerId, recorded.scoreId());
            deleteQuietly(evaluation.checkpoints(job));
            return Outcome.DONE;
        } catch (LostJobException e) {
            LOG.infof("job %s was cancelled or taken over while worker %s ran it; its result is dropped", job.id, workerId);
            return Outcome.DONE;
        } catch (Throwable e) {
            // Errors too (StackOverflowError, OutOfMemoryError): they end this attempt, not the consumer.
            if (lost.get()) {
                return stopped(job, workerId);
            }
            if (stopRequested.getAsBoolean()) {
                return released(job, workerId);
            }
            if (e instanceof ScoringException scoring && scoring.code() == ErrorCode.CANCELLED) {
                return stopped(job, workerId);
            }
            return failed(job, workerId, attempt, e, benchmarkVersion, started);
        } finally {
            heartbeat.cancel(false);
        }
    }

    /** @return whether another attempt may succeed; a machine without the memory refuses the model again */
    static boolean retryable(Throwable error) {
        return !(error instanceof ScoringException scoring && scoring.code() == ErrorCode.INSUFFICIENT_MEMORY);
    }

    private Outcome failed(EvaluationJobEntity job, String workerId, int attempt, Throwable error,
                           Integer benchmarkVersion, Instant started) {
        String reason = describe(error);
        if (error instanceof ScoringException scoring && scoring.code().isUserError()) {
            LOG.warnf("job %s attempt %d failed: %s", job.id, attempt, reason);
        } else {
            LOG.errorf(error, "job %s attempt %d failed", job.id, attempt);
        }
        boolean retry = retryable(error) && attempt < settings.maxAttempts();
        count(retry ? "retried" : "failed");
        if (retry) {
            if (jobs.requeue(job.id, workerId, reason) == 1) {
                events.publish(PlatformEvent.of(EventType.JOB_RETRYING).job(job.id, job.modelId, job.benchmark)
                        .worker(workerId).attempt(attempt).error(reason));
                dispatcher.dispatch(job.id);
            }
            return Outcome.DONE;
        }
        String finalReason = "failed after " + attempt + " attempt(s)" + (retryable(error) ? "" : " (not retried)")
                + ": " + reason;
        boolean held = commit(() -> {
            // The failure row only when this worker still held the job and failed it.
            if (jobs.fail(job.id, workerId, finalReason, Instant.now()) == 0) {
                return false;
            }
            if (benchmarkVersion != null) {
                scores.recordOnce(mapper.failure(job, benchmarkVersion, finalReason, started), List.of());
            }
            return true;
        });
        if (!held) {
            return Outcome.DONE;
        }
        events.publish(PlatformEvent.of(EventType.JOB_FAILED).job(job.id, job.modelId, job.benchmark)
                .worker(workerId).attempt(attempt).error(finalReason));
        return Outcome.deadLetter(finalReason);
    }

    private Outcome stopped(EvaluationJobEntity job, String workerId) {
        count("cancelled");
        if (jobs.cancelHeld(job.id, workerId, Instant.now()) == 1) {
            events.publish(PlatformEvent.of(EventType.JOB_CANCELLED).job(job.id, job.modelId, job.benchmark)
                    .worker(workerId));
        }
        LOG.infof("worker %s stopped job %s (cancelled or taken over)", workerId, job.id);
        return Outcome.DONE;
    }

    /** The process is stopping: the job goes back to the queue for another worker (its checkpoint stays). */
    private Outcome released(EvaluationJobEntity job, String workerId) {
        count("released");
        if (jobs.requeue(job.id, workerId, "worker " + workerId + " stopped before it finished") == 1) {
            dispatcher.dispatch(job.id);
        }
        LOG.infof("worker %s stops; job %s goes back to the queue", workerId, job.id);
        return Outcome.DONE;
    }

    /**
     * Asks running evaluations to stop at their next check, so that the process can shut down; their
     * jobs go back to the queue rather than being cancelled.
     */
    public void stopping() {
        stopping = true;
    }

    private void beat(EvaluationJobEntity job, String workerId, ProgressReport report, AtomicBoolean lost) {
        try {
            double fraction = Double.isFinite(report.fraction) ? report.fraction : 0;
            int held = jobs.heartbeat(job.id, workerId, fraction, report.rate, report.stage);
            if (held == 0) {
                lost.set(true);
            } else if (report.changed) {
                report.changed = false;
                events.publish(PlatformEvent.of(EventType.JOB_PROGRESS).job(job.id, job.modelId, job.benchmark)
                        .worker(workerId).progress(fraction, report.rate));
            }
        } catch (RuntimeException e) {
            // The database is unreachable for now; the lease lets the next beat be late.
            LOG.warnf("heartbeat of job %s failed: %s", job.id, e.getMessage());
        }
    }

    private void count(String outcome) {
        meters.counter("langscore.jobs", "outcome", outcome).increment();
    }

    private void finished(EvaluationJobEntity job, String workerId, long scoreId) {
        count("succeeded");
        completed.incrementAndGet();
        completedBy.add(workerId);
        events.publish(PlatformEvent.of(EventType.JOB_SUCCEEDED).job(job.id, job.modelId, job.benchmark)
                .worker(workerId).score(scoreId));
    }

    private static String describe(Throwable error) {
        if (error instanceof ScoringException scoring) {
            return scoring.code() + ": " + scoring.getMessage();
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    private static <T> T commit(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.debugf(e, "cannot delete checkpoints %s", directory);
        }
    }

    /** @return how many jobs this process's workers finished (succeeded), for tests and metrics */
    public long completedCount() {
        return completed.get();
    }

    /** @return how many job messages this process's workers handled, whatever the outcome */
    public long handledCount() {
        return handled.get();
    }

    /** @return the consumers of this process that finished at least one job */
    public Set<String> completedBy() {
        return Set.copyOf(completedBy);
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
    }

    /** Progress of the running job, written by the computing thread and read by the heartbeat. */
    private static final class ProgressReport {
        private final ProgressMeter meter = new ProgressMeter(System::nanoTime);
        volatile String stage;
        volatile double fraction = Double.NaN;
        volatile double rate;
        volatile boolean changed;

        ProgressListener listener() {
            return (stageName, done, total, unit) -> {
                meter.update(done, total);
                stage = stageName;
                fraction = meter.fraction();
                rate = meter.ratePerSecond();
                changed = true;
            };
        }
    }

    /** The job was cancelled or taken over before its result was committed. */
    private static final class LostJobException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostJobException() {
            super("the job is no longer held by this worker");
        }
    }
}
