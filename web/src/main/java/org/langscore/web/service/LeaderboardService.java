package org.langscore.web.service;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.langscore.db.BenchmarkEntity;
import org.langscore.db.BenchmarkRepository;
import org.langscore.db.ModelEntity;
import org.langscore.db.ModelRepository;
import org.langscore.db.ScoreEntity;
import org.langscore.db.ScoreRepository;

/** Reads the latest benchmark versions and the public models' scores, and computes the {@link Leaderboard}. */
@ApplicationScoped
public class LeaderboardService {
    @Inject
    BenchmarkRepository benchmarks;

    @Inject
    ScoreRepository scores;

    @Inject
    ModelRepository models;

    @Inject
    PlatformSettings settings;

    /** @return the leaderboard of public models, optionally of one policy */
    @Transactional
    public Leaderboard.Table table(String policy) {
        List<BenchmarkEntity> latest = benchmarks.listLatest();
        Map<String, Integer> versions = latest.stream()
                .collect(Collectors.toMap(b -> b.identifier, b -> b.version, (a, b) -> a));
        Map<Long, ModelEntity> publicModels = models.listOrdered().stream().filter(m -> m.publicModel)
                .collect(Collectors.toMap(m -> m.id, Function.identity()));
        List<Leaderboard.Entry> entries = scores.search(null, null, policy).stream()
                .filter(s -> !s.failed())
                .filter(s -> publicModels.containsKey(s.modelId))
                .filter(s -> versions.getOrDefault(s.benchmark, -1) == s.benchmarkVersion)
                .map((ScoreEntity s) -> new Leaderboard.Entry(s.modelId, publicModels.get(s.modelId).identifier,
                        s.policy, s.benchmark, s.value, s.rawValue))
                .toList();
        List<Leaderboard.BenchmarkColumn> columns = latest.stream()
                .map(b -> new Leaderboard.BenchmarkColumn(b.identifier, b.parent)).toList();
        return Leaderboard.compute(columns, entries, new HashSet<>(settings.engineeringParents()));
    }
}
