package org.langscore.web.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

/**
 * A subject whose surprisal of a word is its length times {@code bits-per-letter}, optionally slow.
 * It is not core's {@link org.langscore.testing.FixedOutputSubject}: it travels in the fake plugin jar
 * ({@link org.langscore.web.testing.PluginJar}, this package's classes only), which a separately launched
 * langscore loads without core's test-jar, and it reads its behaviour from a model folder.
 */
final class FakeSubject implements Subject {
    private final FakeModel model;
    private final String policy;
    private final String dtype;

    FakeSubject(FakeModel model, String policy, String dtype) {
        this.model = model;
        this.policy = policy;
        this.dtype = dtype;
    }

    @Override
    public String identifier() {
        return model.folder().getFileName().toString();
    }

    @Override
    public void startBehavioralTask(Task task) {
        if (task != Task.READING_TIMES) {
            throw new ScoringException(ErrorCode.UNSUPPORTED_TASK, "the fake subject only reads");
        }
    }

    @Override
    public List<PartResult> digestText(List<String> parts) {
        if (model.fault() == FakeModel.Fault.STACK_OVERFLOW) {
            return List.of(PartResult.readingTime(parts.get(0), deeper(0)));
        }
        List<PartResult> results = new ArrayList<>();
        for (String part : parts) {
            if (model.millisPerWord() > 0) {
                try {
                    Thread.sleep(model.millisPerWord());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ScoringException(ErrorCode.CANCELLED, "interrupted", e);
                }
            }
            results.add(PartResult.readingTime(part, part.length() * model.bitsPerLetter()));
        }
        return results;
    }

    /** Recurses until the stack overflows (a real recursion, as a runaway model would). */
    private static double deeper(int depth) {
        return deeper(depth + 1) + depth;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("policy", policy, "dtype", dtype, "bits-per-letter", Double.toString(model.bitsPerLetter()));
    }

    @Override
    public void close() {
    }
}
