package org.langscore.web.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.db.ScoreEntity;
import org.langscore.db.ScoreItemsEntity;
import org.langscore.spi.ItemTable;
import org.langscore.spi.Score;
import org.langscore.web.service.Json;

/** The one place where a job's outcome becomes database rows: a score, its per-item tables, or a failure. */
@ApplicationScoped
public class ScoreEntityMapper {
    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String langscoreVersion;

    /**
     * The score row of a finished job.
     *
     * @param subjectSettings the subject's settings
     * @param options the policy's subject options (they win over the settings of the same name)
     * @param started when the attempt started
     */
    public ScoreEntity score(EvaluationJobEntity job, Score score, Map<String, String> subjectSettings,
                             Map<String, String> options, Instant started) {
        ScoreEntity entity = base(job, score.benchmarkVersion(), started);
        Map<String, String> parameters = new LinkedHashMap<>(subjectSettings);
        parameters.putAll(options);
        entity.policyParameters = Json.write(json, parameters);
        entity.value = score.value();
        entity.unclippedValue = score.unclippedValue();
        entity.rawValue = score.raw();
        entity.ceiling = score.ceiling();
        entity.uncertainty = score.uncertainty();
        entity.subScores = Json.write(json, Json.subScores(score));
        entity.attributes = Json.write(json, score.attributes());
        return entity;
    }

    /** The failure row of a job that failed for good on a benchmark version. */
    public ScoreEntity failure(EvaluationJobEntity job, int benchmarkVersion, String reason, Instant started) {
        ScoreEntity entity = base(job, benchmarkVersion, started);
        entity.error = reason;
        return entity;
    }

    /** The per-item tables of a score; a repeated table name gets a suffix ("word-2"). */
    public List<ScoreItemsEntity> items(Score score) {
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

    private ScoreEntity base(EvaluationJobEntity job, int benchmarkVersion, Instant started) {
        ScoreEntity entity = new ScoreEntity();
        entity.modelId = job.modelId;
        entity.benchmark = job.benchmark;
        entity.benchmarkVersion = benchmarkVersion;
        entity.policy = job.policy;
        entity.dtype = job.dtype;
        entity.langscoreVersion = langscoreVersion;
        entity.startedAt = started;
        entity.finishedAt = Instant.now();
        entity.jobId = job.id;
        return entity;
    }
}
