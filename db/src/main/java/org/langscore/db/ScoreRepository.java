package org.langscore.db;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

/**
 * Reads scores and writes them once. The unique (model, benchmark, version, policy, dtype) constraint and
 * {@code INSERT ... ON CONFLICT} make a second write of the same key a no-op, even when two
 * processes write at the same moment. A failure row (with an error) may be replaced by a later
 * attempt; a successful score is never replaced.
 */
@ApplicationScoped
public class ScoreRepository implements PanacheRepositoryBase<ScoreEntity, Long> {

    /**
     * The outcome of {@link #recordOnce}.
     *
     * @param scoreId the id of the row that now holds the key
     * @param written true when this call wrote the row, false when an earlier score was kept
     */
    public record Recorded(long scoreId, boolean written) {
    }

    /**
     * Writes a score and its per-item tables unless a successful score of the same key exists.
     * Joins the caller's transaction, so that the caller can commit the job's state with it.
     */
    @Transactional
    public Recorded recordOnce(ScoreEntity score, List<ScoreItemsEntity> items) {
        NativeQuery<?> insert = getEntityManager().createNativeQuery("""
                INSERT INTO scores (model_id, benchmark, benchmark_version, policy, dtype, policy_parameters, value,
                                    unclipped_value, raw_value, ceiling, uncertainty, sub_scores, attributes,
                                    langscore_version, started_at, finished_at, error, job_id)
                VALUES (:modelId, :benchmark, :version, :policy, :dtype, CAST(:policyParameters AS jsonb), :value,
                        :unclipped, :raw, :ceiling, :uncertainty, CAST(:subScores AS jsonb), CAST(:attributes AS jsonb),
                        :langscoreVersion, :startedAt, :finishedAt, :error, :jobId)
                ON CONFLICT ON CONSTRAINT scores_one_per_key DO UPDATE SET
                    policy_parameters = EXCLUDED.policy_parameters, value = EXCLUDED.value,
                    unclipped_value = EXCLUDED.unclipped_value, raw_value = EXCLUDED.raw_value,
                    ceiling = EXCLUDED.ceiling, uncertainty = EXCLUDED.uncertainty, sub_scores = EXCLUDED.sub_scores,
                    attributes = EXCLUDED.attributes, langscore_version = EXCLUDED.langscore_version,
                    started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, error = EXCLUDED.error,
                    job_id = EXCLUDED.job_id
                WHERE scores.error IS NOT NULL
                RETURNING id
                """).unwrap(NativeQuery.class);
        insert.setParameter("modelId", score.modelId, Long.class)
                .setParameter("benchmark", score.benchmark, String.class)
                .setParameter("version", score.benchmarkVersion, Integer.class)
                .setParameter("policy", score.policy, String.class)
                .setParameter("dtype", score.dtype, String.class)
                .setParameter("policyParameters", score.policyParameters, String.class)
                .setParameter("value", score.value, Double.class)
                .setParameter("unclipped", score.unclippedValue, Double.class)
                .setParameter("raw", score.rawValue, Double.class)
                .setParameter("ceiling", score.ceiling, Double.class)
                .setParameter("uncertainty", score.uncertainty, Double.class)
                .setParameter("subScores", score.subScores, String.class)
                .setParameter("attributes", score.attributes, String.class)
                .setParameter("langscoreVersion", score.langscoreVersion, String.class)
                .setParameter("startedAt", score.startedAt, java.time.Instant.class)
                .setParameter("finishedAt", score.finishedAt, java.time.Instant.class)
                .setParameter("error", score.error, String.class)
                .setParameter("jobId", score.jobId, UUID.class);
        List<?> ids = insert.getResultList();
        if (ids.isEmpty()) {
            ScoreEntity existing = findByKey(score.modelId, score.benchmark, score.benchmarkVersion, score.policy, score.dtype)
                    .orElseThrow(() -> new IllegalStateException("score of model " + score.modelId + " on "
                            + score.benchmark + " v" + score.benchmarkVersion + " conflicted but cannot be read"));
            return new Recorded(existing.id, false);
        }
        long id = ((Number) ids.get(0)).longValue();
        ScoreItemsEntity.delete("scoreId", id);
        for (ScoreItemsEntity table : items) {
            table.id = null;
            table.scoreId = id;
            table.persist();
        }
        return new Recorded(id, true);
    }

    /** @return the float32 score of a key, if any (successful or failed) */
    public Optional<ScoreEntity> findByKey(long modelId, String benchmark, int benchmarkVersion, String policy) {
        return findByKey(modelId, benchmark, benchmarkVersion, policy, "float32");
    }

    /** @return the score of a key with its dtype, if any (successful or failed) */
    public Optional<ScoreEntity> findByKey(long modelId, String benchmark, int benchmarkVersion, String policy,
            String dtype) {
        return find("modelId = :model and benchmark = :benchmark and benchmarkVersion = :version and policy = :policy"
                        + " and dtype = :dtype",
                Parameters.with("model", modelId).and("benchmark", benchmark).and("version", benchmarkVersion)
                        .and("policy", policy).and("dtype", dtype)).firstResultOptional();
    }

    /** @return the successful float32 score of a key, if any */
    public Optional<ScoreEntity> findSuccessful(long modelId, String benchmark, int benchmarkVersion, String policy) {
        return findSuccessful(modelId, benchmark, benchmarkVersion, policy, "float32");
    }

    /** @return the successful score of a key with its dtype, if any */
    public Optional<ScoreEntity> findSuccessful(long modelId, String benchmark, int benchmarkVersion, String policy,
            String dtype) {
        return findByKey(modelId, benchmark, benchmarkVersion, policy, dtype).filter(s -> !s.failed());
    }

    /**
     * Lists scores matching the filters; a null filter matches everything.
     *
     * @param modelId only this model's scores
     * @param benchmark only this benchmark's scores
     * @param policy only this policy's scores
     */
    public List<ScoreEntity> search(Long modelId, String benchmark, String policy) {
        FilterQuery filter = filter(modelId, benchmark, policy);
        return list(filter.orderedBy("modelId, benchmark, benchmarkVersion, policy, dtype"), filter.parameters());
    }

    /**
     * One page of {@link #search(Long, String, String)}, in its order.
     *
     * @param offset how many matching scores to skip
     * @param limit the most scores to return
     */
    public List<ScoreEntity> search(Long modelId, String benchmark, String policy, int offset, int limit) {
        FilterQuery filter = filter(modelId, benchmark, policy);
        return find(filter.orderedBy("modelId, benchmark, benchmarkVersion, policy, dtype"), filter.parameters())
                .range(offset, offset + limit - 1).list();
    }

    /** @return how many scores match the filters of {@link #search(Long, String, String)} */
    public long countMatching(Long modelId, String benchmark, String policy) {
        FilterQuery filter = filter(modelId, benchmark, policy);
        return count(filter.condition(), filter.parameters());
    }

    /** @return the per-item tables of a score, ordered by name */
    public List<ScoreItemsEntity> items(long scoreId) {
        return ScoreItemsEntity.list("scoreId = ?1 order by name", scoreId);
    }

    private static FilterQuery filter(Long modelId, String benchmark, String policy) {
        return new FilterQuery().equal("modelId", modelId).equal("benchmark", benchmark).equal("policy", policy);
    }
}
