package org.langscore.web.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.langscore.db.BenchmarkEntity;
import org.langscore.db.BenchmarkRepository;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.db.EvaluationJobRepository;
import org.langscore.db.ModelEntity;
import org.langscore.db.ModelRepository;
import org.langscore.db.ScoreEntity;
import org.langscore.db.ScoreItemsEntity;
import org.langscore.db.ScoreRepository;
import org.langscore.web.service.Leaderboard;
import org.langscore.web.service.LeaderboardService;

/**
 * The pages' read-only queries over the platform's repositories. Stored JSON (sub-scores, item
 * tables, metadata) is read back here, so that the pages see plain values.
 */
@ApplicationScoped
public class PageData {
    @Inject
    ModelRepository models;

    @Inject
    BenchmarkRepository benchmarks;

    @Inject
    ScoreRepository scores;

    @Inject
    EvaluationJobRepository jobs;

    @Inject
    ObjectMapper json;

    @Inject
    LeaderboardService leaderboard;

    /** A per-item table read back from its JSON columns. */
    public record ItemTable(String name, List<String> columns, List<List<Object>> rows) {
        /** @return the index of a column, or -1 */
        public int column(String column) {
            return columns.indexOf(column);
        }
    }

    /** @return the model of an identifier */
    @Transactional
    public Optional<ModelEntity> model(String identifier) {
        return models.findByIdentifier(identifier);
    }

    /** @return the model of a database id */
    @Transactional
    public Optional<ModelEntity> model(long id) {
        return models.findByIdOptional(id);
    }

    /** @return every model, by identifier */
    @Transactional
    public List<ModelEntity> allModels() {
        return models.listOrdered();
    }

    /** @return a model's scores (successful and failed), by benchmark, version and policy */
    @Transactional
    public List<ScoreEntity> scoresOf(long modelId) {
        return scores.search(modelId, null, null);
    }

    /** @return a score */
    @Transactional
    public Optional<ScoreEntity> score(long id) {
        return scores.findByIdOptional(id);
    }

    /** @return the registered version of a benchmark */
    @Transactional
    public Optional<BenchmarkEntity> benchmark(String identifier, int version) {
        return benchmarks.find("identifier = ?1 and version = ?2", identifier, version).firstResultOptional();
    }

    /** @return the latest version of every registered benchmark */
    @Transactional
    public List<BenchmarkEntity> latestBenchmarks() {
        return benchmarks.listLatest();
    }

    /** @return the names of a score's item tables, with their row counts, without reading the rows */
    @Transactional
    public Map<String, Integer> itemTableSizes(long scoreId) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        List<?> rows = scores.getEntityManager().createNativeQuery(
                        "SELECT name, jsonb_array_length(item_rows) FROM score_items WHERE score_id = :id ORDER BY name")
                .setParameter("id", scoreId).getResultList();
        for (Object row : rows) {
            Object[] cells = (Object[]) row;
            sizes.put((String) cells[0], ((Number) cells[1]).intValue());
        }
        return sizes;
    }

    /**
     * @return the item tables of a score that have all of these columns (so that a page reads only the
     *     tables it plots)
     */
    @Transactional
    public List<ItemTable> itemTablesWithColumns(long scoreId, List<String> wanted) {
        List<ItemTable> tables = new ArrayList<>();
        List<?> ids = scores.getEntityManager().createNativeQuery(
                        "SELECT id FROM score_items WHERE score_id = :id AND item_columns @> CAST(:wanted AS jsonb) ORDER BY name")
                .setParameter("id", scoreId).setParameter("wanted", write(wanted)).getResultList();
        for (Object id : ids) {
            ScoreItemsEntity entity = ScoreItemsEntity.findById(((Number) id).longValue());
            tables.add(new ItemTable(entity.name, read(entity.columns, new TypeReference<List<String>>() { }),
                    read(entity.rows, new TypeReference<List<List<Object>>>() { })));
        }
        return tables;
    }

    /** @return the most recent jobs, newest first */
    @Transactional
    public List<EvaluationJobEntity> recentJobs(int limit) {
        return jobs.find("order by createdAt desc").page(0, limit).list();
    }

    /** @return a score's sub-scores (per suite, per story) */
    public List<Leaderboard.Part> parts(ScoreEntity score) {
        return leaderboard.parts(score);
    }

    /** @return a JSON object of the database (metadata, attributes, policy parameters) as ordered entries */
    public Map<String, Object> object(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        return read(text, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read: " + abbreviate(text), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON of " + value, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
