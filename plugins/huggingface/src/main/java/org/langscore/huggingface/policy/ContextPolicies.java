package org.langscore.huggingface.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.langscore.huggingface.model.ModelInfo;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Creates context policies by name with their parameters ({@code window}, {@code stride},
 * {@code chunk}), filling in defaults from the model: W is the model's {@code sliding_window} where it
 * has one, else {@code max_position_embeddings} ({@code brainscore-kv} always uses
 * {@code max_position_embeddings}, as Brain-Score uses the tokenizer's {@code model_max_length}); S is
 * W/2; C is {@value #DEFAULT_CHUNK} (at most W).
 */
public final class ContextPolicies {

    /** The default tokens per forward call. */
    public static final int DEFAULT_CHUNK = 512;

    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            "truncate", Set.of("window"),
            "sliding", Set.of("window", "chunk"),
            "strided", Set.of("window", "stride", "chunk"),
            "brainscore-kv", Set.of("window"),
            "reset", Set.of("window", "chunk"));

    private ContextPolicies() {
    }

    /** @return the names of the policies */
    public static Set<String> names() {
        return PARAMETERS.keySet();
    }

    /**
     * The default policy of a model: {@code strided} for learned absolute positions, {@code sliding}
     * for rotary ones.
     *
     * @param info the model
     * @return the policy with default parameters
     */
    public static ContextPolicy defaultFor(ModelInfo info) {
        return forName(info.absolutePositions() ? "strided" : "sliding", Map.of(), info);
    }

    /**
     * @param name {@code truncate}, {@code sliding}, {@code strided}, {@code brainscore-kv} or {@code reset}
     * @param params overrides of {@code window}, {@code stride}, {@code chunk} (decimal integers)
     * @param info the model
     * @return the policy
     * @throws ScoringException {@link ErrorCode#INVALID_ARGUMENT} for an unknown name or parameter, a bad
     *     value, or a policy the model cannot run ({@code sliding} on learned positions, a window beyond a
     *     learned position table)
     */
    public static ContextPolicy forName(String name, Map<String, String> params, ModelInfo info) {
        Set<String> allowed = PARAMETERS.get(name);
        if (allowed == null) {
            throw invalid("Unknown context policy '" + name + "' (known: truncate, sliding, strided, brainscore-kv,"
                    + " reset)");
        }
        for (String key : params.keySet()) {
            if (!allowed.contains(key)) {
                throw invalid("Context policy '" + name + "' has no parameter '" + key + "' (it takes " + allowed + ")");
            }
        }
        Map<String, Integer> values = new HashMap<>();
        for (Map.Entry<String, String> entry : params.entrySet()) {
            try {
                values.put(entry.getKey(), Integer.parseInt(entry.getValue().trim()));
            } catch (NumberFormatException e) {
                throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "Context policy parameter '" + entry.getKey()
                        + "' must be an integer, got '" + entry.getValue() + "'", e);
            }
        }
        int defaultWindow = name.equals("brainscore-kv") || info.slidingWindow() <= 0
                ? info.maxPositionEmbeddings() : info.slidingWindow();
        int window = values.getOrDefault("window", defaultWindow);
        int minimum = name.equals("brainscore-kv") ? 1 : 2;
        if (window < minimum) {
            throw invalid("Context policy '" + name + "': window must be at least " + minimum + ", got " + window);
        }
        if (info.absolutePositions() && window > info.maxPositionEmbeddings()) {
            throw invalid("Context policy '" + name + "': window " + window + " exceeds the " + info.architecture()
                    + " position table of " + info.maxPositionEmbeddings() + " rows");
        }
        int chunk = values.getOrDefault("chunk", Math.min(DEFAULT_CHUNK, window));
        if (chunk < 1) {
            throw invalid("Context policy '" + name + "': chunk must be at least 1, got " + chunk);
        }
        switch (name) {
            case "truncate":
                return new TruncatePolicy(window);
            case "sliding":
                if (info.absolutePositions()) {
                    throw invalid("Context policy 'sliding' needs relative positions; " + info.architecture()
                            + " has a learned position table: use 'strided'");
                }
                return new SlidingPolicy(window, chunk);
            case "strided": {
                int stride = values.getOrDefault("stride", Math.max(1, window / 2));
                if (stride < 1 || stride > window - 1) {
                    throw invalid("Context policy 'strided': stride must be between 1 and window - 1 = "
                            + (window - 1) + ", got " + stride);
                }
                return new StridedPolicy(window, stride, chunk);
            }
            case "brainscore-kv":
                return new BrainscoreKvPolicy(window);
            case "reset":
                return new ResetPolicy(window, chunk);
            default:
                throw new IllegalStateException(name);
        }
    }

    private static ScoringException invalid(String message) {
        return new ScoringException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
