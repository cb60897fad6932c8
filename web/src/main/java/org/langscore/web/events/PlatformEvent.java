package org.langscore.web.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One platform event, published as a small JSON object. Fields that do not apply to the event type
 * are null and left out of the JSON.
 *
 * @param type the wire name of the {@link EventType} ("job.queued")
 * @param eventId unique per event
 * @param time when it happened
 * @param jobId the job, for job events and score.recorded
 * @param modelId the model's database id
 * @param benchmark the benchmark identifier
 * @param scoreId the score's database id (job.succeeded, score.recorded)
 * @param workerId the worker (job.started, job.progress, job.succeeded, job.failed)
 * @param attempt the attempt number (job.started, job.retrying, job.failed)
 * @param fraction the fraction done in [0, 1] (job.progress)
 * @param wordsPerSecond the current speed (job.progress)
 * @param value the score's value (score.recorded)
 * @param error the reason (job.retrying, job.failed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlatformEvent(String type, UUID eventId, Instant time, UUID jobId, Long modelId, String benchmark,
                            Long scoreId, String workerId, Integer attempt, Double fraction, Double wordsPerSecond,
                            Double value, String error) {
    public PlatformEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(time, "time");
    }

    /** Starts an event of a type, now, with a fresh id. */
    public static Builder of(EventType type) {
        return new Builder(type);
    }

    /** Fills an event's optional fields. */
    public static final class Builder {
        private final EventType type;
        private UUID jobId;
        private Long modelId;
        private String benchmark;
        private Long scoreId;
        private String workerId;
        private Integer attempt;
        private Double fraction;
        private Double wordsPerSecond;
        private Double value;
        private String error;

        private Builder(EventType type) {
            this.type = type;
        }

        /** Sets the job, model and benchmark. */
        public Builder job(UUID job, long model, String benchmarkId) {
            this.jobId = job;
            this.modelId = model;
            this.benchmark = benchmarkId;
            return this;
        }

        /** Sets the model. */
        public Builder model(long model) {
            this.modelId = model;
            return this;
        }

        /** Sets the score id. */
        public Builder score(long score) {
            this.scoreId = score;
            return this;
        }

        /** Sets the worker id. */
        public Builder worker(String worker) {
            this.workerId = worker;
            return this;
        }

        /** Sets the attempt number. */
        public Builder attempt(int number) {
            this.attempt = number;
            return this;
        }

        /** Sets the progress. */
        public Builder progress(double done, double rate) {
            this.fraction = Double.isFinite(done) ? done : null;
            this.wordsPerSecond = Double.isFinite(rate) ? rate : null;
            return this;
        }

        /** Sets the score value (NaN is left out). */
        public Builder value(double scoreValue) {
            this.value = Double.isFinite(scoreValue) ? scoreValue : null;
            return this;
        }

        /** Sets the error. */
        public Builder error(String reason) {
            this.error = reason;
            return this;
        }

        /** @return the event */
        public PlatformEvent build() {
            return new PlatformEvent(type.wireName(), UUID.randomUUID(), Instant.now(), jobId, modelId, benchmark,
                    scoreId, workerId, attempt, fraction, wordsPerSecond, value, error);
        }
    }
}
