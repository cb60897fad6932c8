package org.langscore.web.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.langscore.db.BenchmarkEntity;
import org.langscore.db.BenchmarkRepository;
import org.langscore.db.ModelEntity;
import org.langscore.db.ModelRepository;
import org.langscore.db.ScoreEntity;
import org.langscore.db.ScoreRepository;
import org.langscore.spi.BenchmarkFactory;

/**
 * Reads the public models, the registered benchmarks and the successful scores, and computes the
 * {@link Leaderboard} that the API and the page show. The table is cached until the database changes:
 * each call first reads one cheap stamp (counts and latest times of scores, models and benchmarks), so
 * that a score written by any worker process invalidates it.
 */
@ApplicationScoped
public class LeaderboardService {
    private static final String STAMP = """
            SELECT (SELECT count(*) || '/' || coalesce(max(finished_at)::text, '') FROM scores)
                || '|' || (SELECT count(*) || '/' || count(*) FILTER (WHERE public_model) || '/'
                           || coalesce(max(registered_at)::text, '') FROM models)
                || '|' || (SELECT count(*) || '/' || coalesce(max(updated_at)::text, '') FROM benchmarks)
            """;

    @Inject
    BenchmarkRepository benchmarks;

    @Inject
    ScoreRepository scores;

    @Inject
    ModelRepository models;

    @Inject
    PlatformSettings settings;

    @Inject
    PluginCatalog plugins;

    @Inject
    ObjectMapper json;

    private record Cached(String stamp, Leaderboard.Table table) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param policy when not null, only the scores under this policy count
     * @return the leaderboard of the public models
     */
    @Transactional
    public Leaderboard.Table table(String policy) {
        String stamp = (String) scores.getEntityManager().createNativeQuery(STAMP).getSingleResult();
        String key = policy == null ? "" : policy;
        Cached cached = cache.get(key);
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.table();
        }
        Leaderboard.Table table = Leaderboard.compute(publicModels(), registeredBenchmarks(), successfulScores(policy),
                new HashSet<>(settings.engineeringParents()));
        cache.put(key, new Cached(stamp, table));
        return table;
    }

    private List<Leaderboard.Model> publicModels() {
        List<Leaderboard.Model> list = new ArrayList<>();
        for (ModelEntity model : models.listOrdered()) {
            if (model.publicModel) {
                list.add(new Leaderboard.Model(model.id, model.identifier, model.architecture, model.parameterCount));
            }
        }
        return list;
    }

    private List<Leaderboard.Benchmark> registeredBenchmarks() {
        Map<String, BenchmarkFactory> factories = plugins.registry().benchmarks();
        List<Leaderboard.Benchmark> list = new ArrayList<>();
        for (BenchmarkEntity benchmark : benchmarks.listLatest()) {
            BenchmarkFactory factory = factories.get(benchmark.identifier);
            String variantOf = factory == null ? null : factory.variantOf().orElse(null);
            list.add(new Leaderboard.Benchmark(benchmark.identifier, benchmark.version, benchmark.parent,
                    benchmark.ceiling, benchmark.description, variantOf));
        }
        return list;
    }

    private List<Leaderboard.Score> successfulScores(String policy) {
        List<Leaderboard.Score> list = new ArrayList<>();
        for (ScoreEntity score : scores.search(null, null, policy)) {
            if (!score.failed()) {
                list.add(new Leaderboard.Score(score.id, score.modelId, score.benchmark, score.benchmarkVersion,
                        score.policy, score.value, score.rawValue, parts(score), score.dtype));
            }
        }
        return list;
    }

    /** @return a score's sub-scores (per suite, per story) as stored in its JSON column */
    public List<Leaderboard.Part> parts(ScoreEntity score) {
        List<Map<String, Object>> subScores;
        try {
            subScores = json.readValue(score.subScores, new TypeReference<List<Map<String, Object>>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored sub-scores of score " + score.id + " cannot be read", e);
        }
        List<Leaderboard.Part> parts = new ArrayList<>(subScores.size());
        for (Map<String, Object> sub : subScores) {
            Object benchmark = sub.get("benchmark");
            if (benchmark != null) {
                parts.add(new Leaderboard.Part(benchmark.toString(), number(sub.get("value")), number(sub.get("raw"))));
            }
        }
        return parts;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
