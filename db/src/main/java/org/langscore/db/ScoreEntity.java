package org.langscore.db;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One score of a model on a benchmark version under a context policy; unique on those four. Missing
 * numbers (no ceiling, no uncertainty) are NaN. Write scores through
 * {@link ScoreRepository#recordOnce}, which makes a second write a no-op.
 */
@Entity
@Table(name = "scores")
public class ScoreEntity extends PanacheEntityBase {
    /** Database id. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The scored model's database id. */
    @Column(name = "model_id", nullable = false)
    public long modelId;

    /** The benchmark identifier. */
    @Column(nullable = false)
    public String benchmark;

    /** The benchmark version. */
    @Column(name = "benchmark_version", nullable = false)
    public int benchmarkVersion;

    /** The context policy the subject ran with ("default" when none was asked for). */
    @Column(nullable = false)
    public String policy;

    /** The precision of the subject's weight products: "float32" or "bfloat16". */
    @Column(nullable = false)
    public String dtype = "float32";

    /** The policy's parameters and the subject's settings, as a JSON object. */
    @Column(name = "policy_parameters", columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String policyParameters = "{}";

    /** The ceiling-normalised value clipped to [0, 1] (the raw value when there is no ceiling). */
    @Column(nullable = false)
    public double value = Double.NaN;

    /** The ceiling-normalised value before clipping. */
    @Column(name = "unclipped_value", nullable = false)
    public double unclippedValue = Double.NaN;

    /** The raw metric value. */
    @Column(name = "raw_value", nullable = false)
    public double rawValue = Double.NaN;

    /** The ceiling used, NaN when none. */
    @Column(nullable = false)
    public double ceiling = Double.NaN;

    /** The raw value's uncertainty, NaN when the metric has none. */
    @Column(nullable = false)
    public double uncertainty = Double.NaN;

    /** Sub-scores (per suite, per story) as a JSON array. */
    @Column(name = "sub_scores", columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String subScores = "[]";

    /** How the score was computed, as a JSON object of strings. */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String attributes = "{}";

    /** The langscore version that computed the score. */
    @Column(name = "langscore_version", nullable = false)
    public String langscoreVersion;

    /** When the evaluation started. */
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    /** When the evaluation ended. */
    @Column(name = "finished_at", nullable = false)
    public Instant finishedAt;

    /** Why the evaluation failed for good; null for a successful score. */
    public String error;

    /** The job that produced the score, if any. */
    @Column(name = "job_id")
    public UUID jobId;

    /** @return true when this row records a failure rather than a value */
    public boolean failed() {
        return error != null;
    }
}
