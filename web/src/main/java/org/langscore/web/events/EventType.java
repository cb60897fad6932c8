package org.langscore.web.events;

/** What happened. The wire name is also the routing key on the events exchange. */
public enum EventType {
    /** A job was recorded and published to the queue. */
    JOB_QUEUED("job.queued"),
    /** A worker took a job (an attempt started). */
    JOB_STARTED("job.started"),
    /** A running job reported progress. */
    JOB_PROGRESS("job.progress"),
    /** A job's score is committed. */
    JOB_SUCCEEDED("job.succeeded"),
    /** An attempt failed and the job went back to the queue. */
    JOB_RETRYING("job.retrying"),
    /** A job failed for good (its attempts are used up) and its message was dead-lettered. */
    JOB_FAILED("job.failed"),
    /** A job was cancelled. */
    JOB_CANCELLED("job.cancelled"),
    /** A score was written (once per model, benchmark, version and policy). */
    SCORE_RECORDED("score.recorded"),
    /** A model was registered. */
    MODEL_REGISTERED("model.registered");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name in JSON and the routing key ("job.queued") */
    public String wireName() {
        return wireName;
    }
}
