package org.langscore.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Host services handed to {@link Benchmark#evaluate(Subject, EvaluationContext)}.
 *
 * @param progress receives progress reports
 * @param cancelled returns true once the evaluation should stop; benchmarks check it between items
 *     and throw {@link ScoringException} with {@link ErrorCode#CANCELLED}
 * @param cacheDirectory where downloaded data sets are cached
 * @param checkpoints where intermediate results are kept for resuming
 * @param availableMemoryBytes memory the subject may use, for the pre-flight check
 * @param options run options (for example {@code data-dir}), never null
 */
public record EvaluationContext(ProgressListener progress, BooleanSupplier cancelled, Path cacheDirectory,
                                CheckpointStore checkpoints, long availableMemoryBytes, Map<String, String> options) {
    public EvaluationContext {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        Objects.requireNonNull(checkpoints, "checkpoints");
        options = Map.copyOf(options);
    }

    /** Throws {@link ScoringException} with {@link ErrorCode#CANCELLED} when cancellation was asked for. */
    public void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new ScoringException(ErrorCode.CANCELLED, "the evaluation was cancelled");
        }
    }

    /** A context for tests and simple runs: no progress, no cancellation, no checkpoints. */
    public static EvaluationContext simple(Path cacheDirectory, Map<String, String> options) {
        return new EvaluationContext(ProgressListener.NONE, () -> false, cacheDirectory, CheckpointStore.NONE,
                Runtime.getRuntime().maxMemory(), options);
    }
}
