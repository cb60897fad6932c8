package org.langscore.web.scoring;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.db.ModelEntity;
import org.langscore.db.ModelRepository;
import org.langscore.registry.PluginRegistry;
import org.langscore.runtime.DirectoryCheckpointStore;
import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.ProgressListener;
import org.langscore.spi.ScoringException;
import org.langscore.web.service.PlatformSettings;
import org.langscore.web.service.PluginCatalog;
import org.langscore.web.service.PolicySpec;

/**
 * Turns an evaluation job into an {@link EvaluationRunner.Plan} (its model, benchmark, policy options,
 * plugin contexts and run options) and runs it. Holds no job state: the worker owns the lease, the
 * heartbeat and the commit.
 */
@ApplicationScoped
public class JobEvaluation {
    @Inject
    ModelRepository models;

    @Inject
    PluginCatalog plugins;

    @Inject
    PlatformSettings settings;

    /**
     * A job's evaluation, ready to run.
     *
     * @param model the job's model
     * @param benchmark the job's benchmark (its version is the score's)
     * @param options the subject options of the job's policy
     * @param runner what {@link EvaluationRunner} runs
     */
    public record JobPlan(ModelEntity model, Benchmark benchmark, Map<String, String> options,
                          EvaluationRunner.Plan runner) {
    }

    /**
     * Looks up the job's model and creates its benchmark; loads nothing.
     *
     * @throws ScoringException UNKNOWN_MODEL when the model is gone, UNKNOWN_BENCHMARK, UNKNOWN_MODEL when
     *     no subject factory accepts the model
     */
    public JobPlan plan(EvaluationJobEntity job) {
        ModelEntity model = QuarkusTransaction.requiringNew().call(() -> models.findByIdOptional(job.modelId))
                .orElseThrow(() -> new ScoringException(ErrorCode.UNKNOWN_MODEL,
                        "model id " + job.modelId + " of job " + job.id + " is not registered"));
        PluginRegistry registry = plugins.registry();
        BenchmarkFactory factory = registry.benchmark(job.benchmark);
        Benchmark benchmark = factory.create(plugins.contextFor(factory.id()));
        // The model's source (and Hub revision) is in its reference; the options say how it computes.
        Map<String, String> options = new LinkedHashMap<>(PolicySpec.parse(job.policy).subjectOptions());
        if (!"float32".equals(job.dtype)) {
            options.put("dtype", job.dtype);
        }
        PluginRegistry.SubjectChoice choice = registry.subjectFor(model.reference());
        EvaluationRunner.Plan runner = new EvaluationRunner.Plan(choice, options,
                plugins.contextFor(choice.factory().id()), List.of(benchmark));
        return new JobPlan(model, benchmark, Map.copyOf(options), runner);
    }

    /**
     * Runs a planned job through {@link EvaluationRunner}: prepare, subject pre-flight, subject,
     * evaluate. Checkpoints live under {@code $LANGSCORE_HOME/checkpoints/<job id>}.
     *
     * @param progress hears the benchmark's progress
     * @param cancelled true once the job should stop
     */
    public EvaluationRunner.Result run(EvaluationJobEntity job, JobPlan plan, ProgressListener progress,
                                       BooleanSupplier cancelled) {
        Map<String, String> runOptions = new LinkedHashMap<>();
        settings.dataDir().ifPresent(dir -> runOptions.put("data-dir", dir));
        EvaluationContext context = new EvaluationContext(progress, cancelled, plugins.home().cache(),
                new DirectoryCheckpointStore(checkpoints(job)), Runtime.getRuntime().maxMemory(), runOptions);
        return EvaluationRunner.run(plan.runner(), context, score -> { });
    }

    /** @return the folder of a job's checkpoints */
    public Path checkpoints(EvaluationJobEntity job) {
        return plugins.home().checkpoints().resolve(job.id.toString());
    }
}
