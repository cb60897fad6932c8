package org.langscore.web.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.db.EvaluationJobRepository;
import org.langscore.db.JobState;
import org.langscore.db.ModelEntity;
import org.langscore.db.ModelRepository;
import org.langscore.registry.PluginRegistry;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.web.events.EventType;
import org.langscore.web.events.Events;
import org.langscore.web.events.PlatformEvent;

/**
 * Turns an evaluation request into jobs, one per (model, benchmark): records them in one
 * transaction, then publishes one message per job; a message the queue cannot take now is published
 * later by the {@link org.langscore.web.queue.JobDispatcher}, because the recorded job is the truth. A (model, benchmark, policy, dtype) that already has a
 * live job gets that job back rather than a second one.
 */
@ApplicationScoped
public class EvaluationService {
    @Inject
    ModelRepository models;

    @Inject
    EvaluationJobRepository jobs;

    @Inject
    PluginCatalog plugins;

    @Inject
    PlatformRuntime platform;

    @Inject
    Events events;

    /**
     * Records and publishes the jobs of a request.
     *
     * @return the jobs, in (model, benchmark) order
     * @throws ApiProblem 400 naming the field at fault
     */
    public List<EvaluationJobEntity> submit(EvaluationRequest request) {
        if (request == null) {
            throw ApiProblem.invalid("body", "a JSON object with 'model' (or 'models') and 'benchmarks' is required");
        }
        String policy = PolicySpec.parse(request.policy()).canonical();
        String dtype = request.dtype() == null || request.dtype().isBlank() ? "float32" : request.dtype();
        if (!EvaluationRequest.DTYPES.contains(dtype)) {
            throw ApiProblem.invalid("dtype", "dtype '" + dtype + "' is not one of " + EvaluationRequest.DTYPES);
        }
        List<String> benchmarkIds = benchmarks(request.benchmarks());
        List<EvaluationJobEntity> created = new ArrayList<>();
        List<EvaluationJobEntity> result = QuarkusTransaction.requiringNew().call(() -> {
            List<EvaluationJobEntity> all = new ArrayList<>();
            for (ModelEntity model : models(request)) {
                for (String benchmark : benchmarkIds) {
                    List<EvaluationJobEntity> live = jobs.list(
                            "modelId = ?1 and benchmark = ?2 and policy = ?3 and dtype = ?4 and state in ?5", model.id,
                            benchmark, policy, dtype, List.of(JobState.QUEUED, JobState.RUNNING));
                    if (!live.isEmpty()) {
                        all.add(live.get(0));
                        continue;
                    }
                    EvaluationJobEntity job = jobs.create(model.id, benchmark, policy, dtype);
                    created.add(job);
                    all.add(job);
                }
            }
            return all;
        });
        for (EvaluationJobEntity job : created) {
            events.publish(PlatformEvent.of(EventType.JOB_QUEUED).job(job.id, job.modelId, job.benchmark));
        }
        // The jobs are committed: they run even if the queue cannot take their messages now (the
        // dispatcher publishes them later), so the request is accepted either way.
        platform.dispatch(created.stream().map(job -> job.id).toList());
        return result;
    }

    private List<ModelEntity> models(EvaluationRequest request) {
        List<String> references = new ArrayList<>();
        String field;
        if (request.model() != null && !request.model().isBlank()) {
            references.add(request.model());
            field = "model";
        } else if (request.models() != null && !request.models().isEmpty()) {
            references.addAll(request.models());
            field = "models";
        } else {
            throw ApiProblem.invalid("model", "name the model to evaluate ('model', or 'models' with \"*\" for all)");
        }
        if (references.contains("*")) {
            return models.listOrdered();
        }
        List<ModelEntity> found = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            String reference = references.get(i);
            String at = field.equals("model") ? field : field + "[" + i + "]";
            ModelEntity model = reference.matches("\\d{1,18}") ? models.findById(Long.parseLong(reference))
                    : models.findByIdentifier(reference).orElse(null);
            if (model == null) {
                throw new ApiProblem(400, "UNKNOWN_MODEL", at, "model '" + reference + "' is not registered");
            }
            found.add(model);
        }
        return found;
    }

    private List<String> benchmarks(List<String> requested) {
        PluginRegistry registry = plugins.registry();
        if (requested == null || requested.isEmpty() || requested.contains("*")) {
            if (registry.benchmarks().isEmpty()) {
                throw new ApiProblem(400, "UNKNOWN_BENCHMARK", "benchmarks", "no benchmark plugin is loaded");
            }
            return List.copyOf(registry.benchmarks().keySet());
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String id = requested.get(i);
            if (registry.benchmarks().containsKey(id)) {
                ids.add(id);
                continue;
            }
            List<String> children = registry.benchmarks().values().stream().filter(f -> f.parent().equals(id))
                    .map(BenchmarkFactory::id).toList();
            if (children.isEmpty()) {
                throw new ApiProblem(400, "UNKNOWN_BENCHMARK", "benchmarks[" + i + "]", "unknown benchmark or group '"
                        + id + "'; known: " + String.join(", ", registry.benchmarks().keySet()));
            }
            ids.addAll(children);
        }
        return List.copyOf(ids);
    }
}
