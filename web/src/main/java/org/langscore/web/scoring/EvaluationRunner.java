package org.langscore.web.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.langscore.registry.PluginRegistry;
import org.langscore.spi.Benchmark;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.PluginContext;
import org.langscore.spi.Score;
import org.langscore.spi.ScoreAttributes;
import org.langscore.spi.Subject;

/**
 * Runs one evaluation, the same way for {@code langscore score} and for a worker's job:
 * <ol>
 *   <li><b>prepare</b>: every benchmark fetches and verifies its data, so that a missing or altered
 *   file is reported before a long model load;</li>
 *   <li><b>subject pre-flight</b>: {@link #preflightSubject} may refuse the model before it is loaded
 *   ({@code INSUFFICIENT_MEMORY});</li>
 *   <li><b>subject</b>: the subject factory loads the model;</li>
 *   <li><b>evaluate</b>: per benchmark, its own pre-flight against the loaded subject, then the evaluation;</li>
 *   <li><b>result</b>: the scores and the subject's settings.</li>
 * </ol>
 * Each score carries the subject's settings as it stood after the benchmark ran (a subject may record
 * what it met, such as a text it accepted with other characters), named as {@link ScoreAttributes}
 * says: {@code subject.<setting>} and {@code subject.factory}. Benchmarks do not copy them.
 * Stateless and thread-safe; errors are the plugins' {@link org.langscore.spi.ScoringException}s (or
 * whatever else they throw), passed on unchanged.
 */
public final class EvaluationRunner {
    private EvaluationRunner() {
    }

    /**
     * What to evaluate.
     *
     * @param subject the subject factory and the model reference it accepted
     * @param subjectOptions the subject's options (policy, window, ...)
     * @param subjectContext the subject factory's configuration view and folders
     * @param benchmarks the benchmarks, created by their factories
     */
    public record Plan(PluginRegistry.SubjectChoice subject, Map<String, String> subjectOptions,
                       PluginContext subjectContext, List<Benchmark> benchmarks) {
        public Plan {
            Objects.requireNonNull(subject, "subject");
            subjectOptions = Map.copyOf(subjectOptions);
            Objects.requireNonNull(subjectContext, "subjectContext");
            benchmarks = List.copyOf(benchmarks);
        }
    }

    /**
     * What an evaluation produced.
     *
     * @param subjectFactory the id of the factory that made the subject
     * @param subjectSettings the subject's settings, sorted by key
     * @param scores one score per benchmark, in the plan's order, with the subject's attributes
     */
    public record Result(String subjectFactory, Map<String, String> subjectSettings, List<Score> scores) {
        public Result {
            Objects.requireNonNull(subjectFactory, "subjectFactory");
            subjectSettings = new TreeMap<>(subjectSettings);
            scores = List.copyOf(scores);
        }
    }

    /** Hears of each score as soon as it is computed (the command line ends its progress line). */
    @FunctionalInterface
    public interface ScoreListener {
        /** Called once per benchmark, in order. */
        void onScore(Score score);
    }

    /**
     * Runs the evaluation sequence.
     *
     * @param plan what to evaluate
     * @param context progress, cancellation, cache, checkpoints and run options
     * @param listener hears of each score
     * @return the scores and the subject's settings
     */
    public static Result run(Plan plan, EvaluationContext context, ScoreListener listener) {
        // 1. Data first: a missing or altered data file is reported before a long model load.
        for (Benchmark benchmark : plan.benchmarks()) {
            benchmark.prepare(context);
        }
        // 2. The subject's own pre-flight, before anything is loaded.
        preflightSubject(plan, context);
        // 3. The subject.
        PluginRegistry.SubjectChoice choice = plan.subject();
        try (Subject subject = choice.factory().create(choice.reference(), plan.subjectOptions(),
                plan.subjectContext())) {
            Map<String, String> settings = subject.settings();
            List<Score> scores = new ArrayList<>();
            // 4. Each benchmark: its pre-flight against the loaded subject, then the evaluation.
            for (Benchmark benchmark : plan.benchmarks()) {
                context.checkCancelled();
                benchmark.preflight(subject, context);
                Score score = benchmark.evaluate(subject, context)
                        .withAttributes(ScoreAttributes.ofSubject(choice.factory().id(), subject.settings()));
                listener.onScore(score);
                scores.add(score);
            }
            // 5. The result.
            return new Result(choice.factory().id(), settings, scores);
        }
    }

    /**
     * The subject pre-flight step: the place where the model is checked against the machine before it
     * is loaded (the memory pre-flight: an estimate of the model's memory from its files, compared with
     * {@link EvaluationContext#availableMemoryBytes()}). A refusal is a
     * {@link org.langscore.spi.ScoringException} with {@link org.langscore.spi.ErrorCode#INSUFFICIENT_MEMORY},
     * which a worker does not retry. Today the subject factories make that check themselves when they
     * create the subject (step 3); this step only honours a cancellation that came during step 1.
     */
    static void preflightSubject(Plan plan, EvaluationContext context) {
        context.checkCancelled();
    }
}
