package org.langscore.web.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.db.EvaluationJobRepository;
import org.langscore.db.ModelEntity;
import org.langscore.db.ModelRepository;
import org.langscore.db.ScoreEntity;
import org.langscore.db.ScoreItemsEntity;
import org.langscore.db.ScoreRepository;
import org.langscore.registry.PluginRegistry;
import org.langscore.runtime.DirectoryCheckpointStore;
import org.langscore.runtime.ProgressMeter;
import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.ItemTable;
import org.langscore.spi.ProgressListener;
import org.langscore.spi.Score;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.web.events.EventType;
import org.langscore.web.events.Events;
import org.langscore.web.events.PlatformEvent;
import org.langscore.web.service.Json;
import org.langscore.web.service.PlatformSettings;
import org.langscore.web.service.PolicySpec;
import org.langscore.web.service.PluginCatalog;

/**
 * Runs one evaluation job per call: takes the job in the database (a conditional update, so that
 * only one worker holds it), scores outside any transaction while a heartbeat keeps the hold and
 * reports progress, then commits the score and the job's SUCCEEDED state in one short transaction.
 * The message is acknowledged only after that commit. A failed attempt goes back to the queue until
 * the attempts are used up; then the job is FAILED and its message dead-lettered with the reason.
 * A redelivered message of a finished job, or of a key that already has a score, changes nothing.
 */
@ApplicationScoped
public class EvaluationWorker implements JobHandler {
    private static final Logger LOG = Logger.getLogger(EvaluationWorker.class);

    @Inject
    EvaluationJobRepository jobs;

    @Inject
    ModelRepository models;

    @Inject
    ScoreRepository scores;

    @Inject
    PluginCatalog plugins;

    @Inject
    PlatformSettings settings;

    @Inject
    Events events;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String langscoreVersion;

    private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(1, r -> {
        Thread thread = new Thread(r, "langscore-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final Set<String> completedBy = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public Outcome handle(UUID jobId, String workerId, BooleanSupplier consumerStopping) {
        handled.incrementAndGet();
        Optional<EvaluationJobEntity> found = jobs.current(jobId);
        if (found.isEmpty()) {
            return Outcome.deadLetter("no evaluation job " + jobId + " in the database");
        }
        EvaluationJobEntity job = found.get();
        if (job.state.isFinal()) {
            LOG.debugf("job %s is already %s; message acknowledged", jobId, job.state);
            return Outcome.DONE;
        }
        Instant now = Instant.now();
        if (job.attempts >= settings.maxAttempts()) {
            String reason = "gave up after " + job.attempts + " attempt(s); last error: "
                    + Objects.requireNonNullElse(job.lastError, "the worker stopped before it finished");
            if (jobs.failUnheld(jobId, reason, now, settings.lease()) == 1) {
                events.publish(PlatformEvent.of(EventType.JOB_FAILED).job(jobId, job.modelId, job.benchmark)
                        .worker(workerId).attempt(job.attempts).error(reason));
                return Outcome.deadLetter(reason);
            }
            return reconsider(jobId);
        }
        if (jobs.claim(jobId, workerId, now, settings.lease()) == 0) {
            return reconsider(jobId);
        }
        int attempt = job.attempts + 1;
        LOG.infof("worker %s runs job %s (model %d, benchmark %s, attempt %d)", workerId, jobId, job.modelId,
                job.benchmark, attempt);
        events.publish(PlatformEvent.of(EventType.JOB_STARTED).job(jobId, job.modelId, job.benchmark)
                .worker(workerId).attempt(attempt));
        return run(job, workerId, attempt, now, () -> stopping || consumerStopping.getAsBoolean());
    }

    /** Someone else holds the job, or it just became final: try later, or there is nothing to do. */
    private Outcome reconsider(UUID jobId) {
        return jobs.current(jobId).map(j -> j.state.isFinal() ? Outcome.DONE : Outcome.RETRY).orElse(Outcome.DONE);
    }

    private Outcome run(EvaluationJobEntity job, String workerId, int attempt, Instant started,
                        BooleanSupplier stopRequested) {
        AtomicBoolean lost = new AtomicBoolean();
        ProgressMeter meter = new ProgressMeter(System::nanoTime);
        ProgressReport report = new ProgressReport();
        ProgressListener listener = (stage, done, total, unit) -> {
            meter.update(done, total);
            report.stage = stage;
            report.fraction = meter.fraction();
            report.rate = meter.ratePerSecond();
            report.changed = true;
        };
        long period = Math.max(50, settings.heartbeat().toMillis());
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(job, workerId, report, lost),
                period, period, TimeUnit.MILLISECONDS);
        Integer benchmarkVersion = null;
        try {
            ModelEntity model = QuarkusTransaction.requiringNew().call(() -> models.findByIdOptional(job.modelId))
                    .orElseThrow(() -> new ScoringException(ErrorCode.UNKNOWN_MODEL,
                            "model id " + job.modelId + " of job " + job.id + " is not registered"));
            PluginRegistry registry = plugins.registry();
            BenchmarkFactory factory = registry.benchmark(job.benchmark);
            Benchmark benchmark = factory.create(plugins.contextFor(factory.id()));
            benchmarkVersion = benchmark.version();
            Optional<ScoreEntity> existing = QuarkusTransaction.requiringNew().call(() -> scores.findSuccessful(
                    model.id, benchmark.identifier(), benchmark.version(), job.policy));
            if (existing.isPresent()) {
                long scoreId = existing.get().id;
                commit(() -> jobs.succeed(job.id, workerId, scoreId, Instant.now()));
                LOG.infof("job %s: model %s already has a score on %s v%d (%s); nothing recomputed", job.id,
                        model.identifier, benchmark.identifier(), benchmark.version(), job.policy);
                finished(job, workerId, scoreId);
                return Outcome.DONE;
            }
            Map<String, String> options = options(job, model);
            PluginRegistry.SubjectChoice choice = registry.subjectFor(model.reference());
            Path checkpoints = plugins.home().checkpoints().resolve(job.id.toString());
            Score score;
            Map<String, String> subjectSettings;
            try (Subject subject = choice.factory().create(choice.reference(), options,
                    plugins.contextFor(choice.factory().id()))) {
                Map<String, String> runOptions = new LinkedHashMap<>();
                settings.dataDir().ifPresent(dir -> runOptions.put("data-dir", dir));
                EvaluationContext context = new EvaluationContext(listener, () -> lost.get() || stopRequested.getAsBoolean(),
                        plugins.home().cache(),
                        new DirectoryCheckpointStore(checkpoints), Runtime.getRuntime().maxMemory(), runOptions);
                benchmark.preflight(subject, context);
                score = benchmark.evaluate(subject, context);
                subjectSettings = subject.settings();
            }
            heartbeat.cancel(false);
            ScoreEntity entity = toEntity(job, model, score, subjectSettings, options, started);
            List<ScoreItemsEntity> items = toItems(score);
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
            deleteQuietly(checkpoints);
            return Outcome.DONE;
        } catch (LostJobException e) {
            LOG.infof("job %s was cancelled or taken over while worker %s ran it; its result is dropped", job.id, workerId);
            return Outcome.DONE;
        } catch (ScoringException e) {
            if (lost.get()) {
                return stopped(job, workerId);
            }
            if (stopRequested.getAsBoolean()) {
                return released(job, workerId);
            }
            if (e.code() == ErrorCode.CANCELLED) {
                return stopped(job, workerId);
            }
            return failed(job, workerId, attempt, e, benchmarkVersion, started);
        } catch (RuntimeException e) {
            if (lost.get()) {
                return stopped(job, workerId);
            }
            if (stopRequested.getAsBoolean()) {
                return released(job, workerId);
            }
            return failed(job, workerId, attempt, e, benchmarkVersion, started);
        } finally {
            heartbeat.cancel(false);
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
        jobs.requeue(job.id, workerId, "worker " + workerId + " stopped before it finished");
        LOG.infof("worker %s stops; job %s goes back to the queue", workerId, job.id);
        return Outcome.RETRY;
    }

    /**
     * Asks running evaluations to stop at their next check, so that the process can shut down; their
     * jobs go back to the queue rather than being cancelled.
     */
    public void stopping() {
        stopping = true;
    }

    private Outcome failed(EvaluationJobEntity job, String workerId, int attempt, RuntimeException error,
                           Integer benchmarkVersion, Instant started) {
        String reason = describe(error);
        if (error instanceof ScoringException scoring && scoring.code().isUserError()) {
            LOG.warnf("job %s attempt %d failed: %s", job.id, attempt, reason);
        } else {
            LOG.errorf(error, "job %s attempt %d failed", job.id, attempt);
        }
        count(attempt < settings.maxAttempts() ? "retried" : "failed");
        if (attempt < settings.maxAttempts()) {
            if (jobs.requeue(job.id, workerId, reason) == 1) {
                events.publish(PlatformEvent.of(EventType.JOB_RETRYING).job(job.id, job.modelId, job.benchmark)
                        .worker(workerId).attempt(attempt).error(reason));
                return Outcome.RETRY;
            }
            return reconsider(job.id);
        }
        String finalReason = "failed after " + attempt + " attempt(s): " + reason;
        boolean held = commit(() -> {
            if (benchmarkVersion != null) {
                ScoreEntity failure = failureEntity(job, benchmarkVersion, finalReason, started);
                scores.recordOnce(failure, List.of());
            }
            return jobs.fail(job.id, workerId, finalReason, Instant.now()) == 1;
        });
        if (!held) {
            return reconsider(job.id);
        }
        events.publish(PlatformEvent.of(EventType.JOB_FAILED).job(job.id, job.modelId, job.benchmark)
                .worker(workerId).attempt(attempt).error(finalReason));
        return Outcome.deadLetter(finalReason);
    }

    private void beat(EvaluationJobEntity job, String workerId, ProgressReport report, AtomicBoolean lost) {
        try {
            double fraction = Double.isFinite(report.fraction) ? report.fraction : 0;
            int held = jobs.heartbeat(job.id, workerId, Instant.now(), fraction, report.rate, report.stage);
            if (held == 0) {
                lost.set(true);
            } else if (report.changed) {
                report.changed = false;
                events.publish(PlatformEvent.of(EventType.JOB_PROGRESS).job(job.id, job.modelId, job.benchmark)
                        .worker(workerId).progress(fraction, report.rate));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "heartbeat of job %s failed", job.id);
        }
    }

    private Map<String, String> options(EvaluationJobEntity job, ModelEntity model) {
        // The model's source (and Hub revision) is in its reference; the options say how it computes.
        return new LinkedHashMap<>(PolicySpec.parse(job.policy).subjectOptions());
    }

    private ScoreEntity toEntity(EvaluationJobEntity job, ModelEntity model, Score score, Map<String, String> subject,
                                 Map<String, String> options, Instant started) {
        ScoreEntity entity = new ScoreEntity();
        entity.modelId = model.id;
        entity.benchmark = job.benchmark;
        entity.benchmarkVersion = score.benchmarkVersion();
        entity.policy = job.policy;
        Map<String, String> parameters = new LinkedHashMap<>(subject);
        parameters.putAll(options);
        entity.policyParameters = Json.write(json, parameters);
        entity.value = score.value();
        entity.unclippedValue = score.unclippedValue();
        entity.rawValue = score.raw();
        entity.ceiling = score.ceiling();
        entity.uncertainty = score.uncertainty();
        entity.subScores = Json.write(json, Json.subScores(score));
        entity.attributes = Json.write(json, score.attributes());
        entity.langscoreVersion = langscoreVersion;
        entity.startedAt = started;
        entity.finishedAt = Instant.now();
        entity.jobId = job.id;
        return entity;
    }

    private ScoreEntity failureEntity(EvaluationJobEntity job, int benchmarkVersion, String reason, Instant started) {
        ScoreEntity entity = new ScoreEntity();
        entity.modelId = job.modelId;
        entity.benchmark = job.benchmark;
        entity.benchmarkVersion = benchmarkVersion;
        entity.policy = job.policy;
        entity.langscoreVersion = langscoreVersion;
        entity.startedAt = started;
        entity.finishedAt = Instant.now();
        entity.error = reason;
        entity.jobId = job.id;
        return entity;
    }

    private List<ScoreItemsEntity> toItems(Score score) {
        List<ScoreItemsEntity> items = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ItemTable table : score.items()) {
            String name = table.name();
            for (int n = 2; !names.add(name); n++) {
                name = table.name() + "-" + n;
            }
            ScoreItemsEntity entity = new ScoreItemsEntity();
            entity.name = name;
            entity.columns = Json.write(json, table.columns());
            entity.rows = Json.write(json, Json.rows(table));
            items.add(entity);
        }
        return items;
    }

    private static String describe(RuntimeException error) {
        if (error instanceof ScoringException scoring) {
            return scoring.code() + ": " + scoring.getMessage();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private static <T> T commit(java.util.concurrent.Callable<T> work) {
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
        volatile String stage;
        volatile double fraction = Double.NaN;
        volatile double rate;
        volatile boolean changed;
    }

    /** The job was cancelled or taken over before its result was committed. */
    private static final class LostJobException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostJobException() {
            super("the job is no longer held by this worker");
        }
    }
}
