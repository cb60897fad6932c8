package org.langscore.web.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.langscore.db.BenchmarkEntity;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.db.ModelEntity;
import org.langscore.db.ScoreEntity;
import org.langscore.web.service.Json;

/** The JSON shapes of the API: small records made from entities (never the entities themselves). */
public final class Views {
    private Views() {
    }

    /** A registered model. */
    public record ModelView(long id, String identifier, String sourceKind, String source, String revision,
                            String architecture, Long parameterCount, String dtype, String submitter,
                            boolean publicModel, Object metadata, Instant registeredAt, String location) {
        static ModelView of(ModelEntity m, ObjectMapper json) {
            return new ModelView(m.id, m.identifier, m.sourceKind.name(), m.source, m.revision, m.architecture,
                    m.parameterCount, m.dtype, m.submitter, m.publicModel, Json.readTree(json, m.metadata),
                    m.registeredAt, "/api/models/" + m.id);
        }
    }

    /** A benchmark version. */
    public record BenchmarkView(String identifier, int version, String parent, String description, Double ceiling,
                                Double ceilingUncertainty, String ceilingSource, String bibtex) {
        static BenchmarkView of(BenchmarkEntity b) {
            return new BenchmarkView(b.identifier, b.version, b.parent, b.description, Json.finite(b.ceiling),
                    Json.finite(b.ceilingUncertainty), b.ceilingSource, b.bibtex);
        }
    }

    /** A parent of the benchmark tree with its children. */
    public record BenchmarkGroup(String parent, boolean engineering, List<String> children) {
    }

    /** The benchmarks and their tree. */
    public record BenchmarkList(List<BenchmarkView> benchmarks, List<BenchmarkGroup> tree) {
    }

    /** A score. */
    public record ScoreView(long id, long modelId, String benchmark, int benchmarkVersion, String policy,
                            String dtype, Object policyParameters, Double value, Double unclippedValue, Double raw, Double ceiling,
                            Double uncertainty, Object subScores, Object attributes, String langscoreVersion,
                            Instant startedAt, Instant finishedAt, String error, UUID jobId, List<String> itemTables,
                            String location) {
        static ScoreView of(ScoreEntity s, List<String> tables, ObjectMapper json) {
            return new ScoreView(s.id, s.modelId, s.benchmark, s.benchmarkVersion, s.policy, s.dtype,
                    Json.readTree(json, s.policyParameters), Json.finite(s.value), Json.finite(s.unclippedValue),
                    Json.finite(s.rawValue), Json.finite(s.ceiling), Json.finite(s.uncertainty),
                    Json.readTree(json, s.subScores), Json.readTree(json, s.attributes), s.langscoreVersion,
                    s.startedAt, s.finishedAt, s.error, s.jobId, tables, "/api/scores/" + s.id);
        }
    }

    /** A per-item table of a score. */
    public record ItemTableView(String name, List<String> columns, List<List<Object>> rows) {
    }

    /** An evaluation job. */
    public record JobView(UUID id, long modelId, String benchmark, String policy, String dtype, String state, int attempts,
                          double progress, double wordsPerSecond, String stage, String workerId, Instant createdAt,
                          Instant startedAt, Instant heartbeatAt, Instant finishedAt, String lastError, Long scoreId,
                          String location) {
        static JobView of(EvaluationJobEntity j) {
            return new JobView(j.id, j.modelId, j.benchmark, j.policy, j.dtype, j.state.name(), j.attempts,
                    j.progressFraction, j.wordsPerSecond, j.progressStage, j.workerId, j.createdAt, j.startedAt, j.heartbeatAt,
                    j.finishedAt, j.lastError, j.scoreId, "/api/jobs/" + j.id);
        }
    }

    /** The answer to a submitted evaluation. */
    public record Submitted(List<JobView> jobs, List<String> locations) {
    }

    /**
     * One page of a list.
     *
     * @param items the items of this page
     * @param count how many items this page holds
     * @param total how many items match in all
     * @param offset how many matching items come before this page
     * @param limit the page size asked for
     */
    public record Page<T>(List<T> items, int count, long total, int offset, int limit) {
    }

    /** A JSON problem document (RFC 9457) with langscore's code and the field at fault. */
    public record Problem(String type, String title, int status, String code, String detail, String field) {
    }
}
