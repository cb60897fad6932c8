package org.langscore.huggingface.policy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.langscore.huggingface.model.ModelInfo;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The context policies langscore knows, each registered here once: its name (as users type it and as
 * scores record it), the parameters it accepts, their defaults for a model, and how it is built. Every
 * other place that names a policy asks this type.
 *
 * <p>Defaults: W is the model's {@code sliding_window} where it has one, else
 * {@code max_position_embeddings} ({@code brainscore-kv} always uses {@code max_position_embeddings}, as
 * Brain-Score uses the tokenizer's {@code model_max_length}); S is W/2; C is {@value #DEFAULT_CHUNK} (at
 * most W).
 */
public enum PolicyKind {
    /** {@link TruncatePolicy}. */
    TRUNCATE("truncate", PolicyKind.WINDOW),
    /** {@link SlidingPolicy}; needs relative positions. */
    SLIDING("sliding", PolicyKind.WINDOW, PolicyKind.CHUNK),
    /** {@link StridedPolicy}. */
    STRIDED("strided", PolicyKind.WINDOW, PolicyKind.STRIDE, PolicyKind.CHUNK),
    /** {@link BrainscoreKvPolicy}. */
    BRAINSCORE_KV("brainscore-kv", PolicyKind.WINDOW),
    /** {@link ResetPolicy}. */
    RESET("reset", PolicyKind.WINDOW, PolicyKind.CHUNK);

    /** The parameter W: positions per window. */
    public static final String WINDOW = "window";
    /** The parameter S of {@code strided}: new tokens per window after the first. */
    public static final String STRIDE = "stride";
    /** The parameter C: tokens per forward call. */
    public static final String CHUNK = "chunk";
    /** The default tokens per forward call. */
    public static final int DEFAULT_CHUNK = 512;

    private final String label;
    private final Set<String> parameters;

    PolicyKind(String label, String... parameters) {
        this.label = label;
        this.parameters = Set.of(parameters);
    }

    /** @return the name users give and scores record ({@code truncate}, {@code brainscore-kv}, ...) */
    public String label() {
        return label;
    }

    /** @return the parameters this policy accepts ({@link #WINDOW}, {@link #STRIDE}, {@link #CHUNK}) */
    public Set<String> parameters() {
        return parameters;
    }

    /** @return the names of all policies, in declaration order */
    public static List<String> labels() {
        return Arrays.stream(values()).map(PolicyKind::label).toList();
    }

    /**
     * @param label a policy name
     * @return the policy of that name, or empty
     */
    public static Optional<PolicyKind> byLabel(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
    }

    /**
     * @param label a policy name
     * @return the policy of that name
     * @throws ScoringException {@link ErrorCode#INVALID_ARGUMENT} naming the value and the known names
     */
    public static PolicyKind of(String label) {
        return byLabel(label).orElseThrow(() -> invalid("Unknown context policy '" + label + "' (known: "
                + String.join(", ", labels()) + ")"));
    }

    /**
     * The default policy of a model: {@code strided} for learned absolute positions, {@code sliding} for
     * rotary ones.
     *
     * @param info the model
     * @return the kind
     */
    public static PolicyKind defaultFor(ModelInfo info) {
        return info.absolutePositions() ? STRIDED : SLIDING;
    }

    /**
     * @param info the model
     * @return W when the run does not set it
     */
    public int defaultWindow(ModelInfo info) {
        return switch (this) {
            case BRAINSCORE_KV -> info.maxPositionEmbeddings();
            case TRUNCATE, SLIDING, STRIDED, RESET -> info.slidingWindow() > 0 ? info.slidingWindow()
                    : info.maxPositionEmbeddings();
        };
    }

    /** @return the smallest W this policy runs with (a part of one token needs no context under brainscore-kv) */
    public int minimumWindow() {
        return switch (this) {
            case BRAINSCORE_KV -> 1;
            case TRUNCATE, SLIDING, STRIDED, RESET -> 2;
        };
    }

    /**
     * Builds the policy from parameter values, filling in the defaults.
     *
     * @param params parameter values by name (decimal integers); only {@link #parameters()} are allowed
     * @param info the model
     * @return the policy
     * @throws ScoringException {@link ErrorCode#INVALID_ARGUMENT} for a parameter this policy does not take,
     *     a value that is not an integer or is out of range, or a policy the model cannot run
     *     ({@code sliding} on learned positions, a window beyond a learned position table)
     */
    public ContextPolicy build(Map<String, String> params, ModelInfo info) {
        for (String key : params.keySet()) {
            if (!parameters.contains(key)) {
                throw invalid("Context policy '" + label + "' has no parameter '" + key + "' (it takes " + parameters
                        + ")");
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
        int window = values.getOrDefault(WINDOW, defaultWindow(info));
        if (window < minimumWindow()) {
            throw invalid("Context policy '" + label + "': window must be at least " + minimumWindow() + ", got "
                    + window);
        }
        if (info.absolutePositions() && window > info.maxPositionEmbeddings()) {
            throw invalid("Context policy '" + label + "': window " + window + " exceeds the " + info.architecture()
                    + " position table of " + info.maxPositionEmbeddings() + " rows");
        }
        int chunk = values.getOrDefault(CHUNK, Math.min(DEFAULT_CHUNK, window));
        if (chunk < 1) {
            throw invalid("Context policy '" + label + "': chunk must be at least 1, got " + chunk);
        }
        return switch (this) {
            case TRUNCATE -> new TruncatePolicy(window);
            case SLIDING -> {
                if (info.absolutePositions()) {
                    throw invalid("Context policy '" + label + "' needs relative positions; " + info.architecture()
                            + " has a learned position table: use '" + STRIDED.label + "'");
                }
                yield new SlidingPolicy(window, chunk);
            }
            case STRIDED -> {
                int stride = values.getOrDefault(STRIDE, Math.max(1, window / 2));
                if (stride < 1 || stride > window - 1) {
                    throw invalid("Context policy '" + label + "': stride must be between 1 and window - 1 = "
                            + (window - 1) + ", got " + stride);
                }
                yield new StridedPolicy(window, stride, chunk);
            }
            case BRAINSCORE_KV -> new BrainscoreKvPolicy(window);
            case RESET -> new ResetPolicy(window, chunk);
        };
    }

    private static ScoringException invalid(String message) {
        return new ScoringException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
