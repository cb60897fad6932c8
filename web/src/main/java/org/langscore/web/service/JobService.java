package org.langscore.web.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.db.EvaluationJobRepository;
import org.langscore.web.events.EventType;
import org.langscore.web.events.Events;
import org.langscore.web.events.PlatformEvent;

/** Cancels and retries evaluation jobs. */
@ApplicationScoped
public class JobService {
    @Inject
    EvaluationJobRepository jobs;

    @Inject
    PlatformRuntime platform;

    @Inject
    Events events;

    /**
     * Cancels a QUEUED or RUNNING job; a running worker stops at its next heartbeat.
     *
     * @throws ApiProblem 404 for an unknown job, 409 for a final one
     */
    public EvaluationJobEntity cancel(UUID id) {
        EvaluationJobEntity job = jobs.current(id).orElseThrow(() -> ApiProblem.notFound("job " + id));
        if (jobs.cancel(id, Instant.now()) == 0) {
            throw ApiProblem.conflict("state", "job " + id + " is " + jobs.current(id).map(j -> j.state).orElse(job.state)
                    + " and cannot be cancelled");
        }
        events.publish(PlatformEvent.of(EventType.JOB_CANCELLED).job(id, job.modelId, job.benchmark));
        return jobs.current(id).orElseThrow();
    }

    /**
     * Queues a FAILED or CANCELLED job again with a fresh count of attempts.
     *
     * @throws ApiProblem 404 for an unknown job, 409 for a job that is not FAILED or CANCELLED
     */
    public EvaluationJobEntity retry(UUID id) {
        EvaluationJobEntity job = jobs.current(id).orElseThrow(() -> ApiProblem.notFound("job " + id));
        if (jobs.retry(id) == 0) {
            throw ApiProblem.conflict("state", "job " + id + " is " + jobs.current(id).map(j -> j.state).orElse(job.state)
                    + "; only FAILED or CANCELLED jobs can be retried");
        }
        events.publish(PlatformEvent.of(EventType.JOB_QUEUED).job(id, job.modelId, job.benchmark));
        platform.dispatch(List.of(id));
        return jobs.current(id).orElseThrow();
    }
}
