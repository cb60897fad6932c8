package org.langscore.db;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One evaluation of one model on one benchmark. State changes go through
 * {@link EvaluationJobRepository}, whose conditional updates make sure that a job runs on one worker
 * at a time.
 */
@Entity
@Table(name = "evaluation_jobs")
public class EvaluationJobEntity extends PanacheEntityBase {
    /** The job id, also carried by its queue message. */
    @Id
    public UUID id;

    /** The model's database id. */
    @Column(name = "model_id", nullable = false)
    public long modelId;

    /** The benchmark identifier. */
    @Column(nullable = false)
    public String benchmark;

    /** The context policy ("default" when none was asked for). */
    @Column(nullable = false)
    public String policy;

    /** The precision of the subject's weight products: "float32" or "bfloat16". */
    @Column(nullable = false)
    public String dtype = "float32";

    /** Where the job is in its life. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobState state;

    /** How many times a worker has started the job. */
    @Column(nullable = false)
    public int attempts;

    /** The fraction done in [0, 1]. */
    @Column(name = "progress_fraction", nullable = false)
    public double progressFraction;

    /** The current speed in words (or other units) per second. */
    @Column(name = "words_per_second", nullable = false)
    public double wordsPerSecond;

    /** What is being done ("Natural Stories", "suite mvrr"). */
    @Column(name = "progress_stage")
    public String progressStage;

    /** The worker that holds (or last held) the job. */
    @Column(name = "worker_id")
    public String workerId;

    /** When the job was recorded. */
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the current attempt started. */
    @Column(name = "started_at")
    public Instant startedAt;

    /** When the holding worker last reported that it is alive. */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    /** When the job reached a final state. */
    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The reason of the last failure. */
    @Column(name = "last_error")
    public String lastError;

    /** When the queue last confirmed a message for the job; null while none was (the outbox). */
    @Column(name = "published_at")
    public Instant publishedAt;

    /** The score the job produced. */
    @Column(name = "score_id")
    public Long scoreId;

    /** Optimistic-locking version for changes made through the entity. */
    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
