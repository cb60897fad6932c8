package org.langscore.huggingface;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.langscore.huggingface.model.ProductPrecision;
import org.langscore.huggingface.policy.PolicyKind;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The per-run options of a HuggingFace subject.
 *
 * @param policy the context policy's name (a {@link PolicyKind#label()}), or null for the model's default
 * @param window the window W in tokens, overriding the model's, or empty
 * @param stride the stride S of the {@code strided} policy, or empty for its default
 * @param chunk the chunk size C of chunked scoring, or empty for the policy's default
 * @param batch how many independent texts one batched forward call may score together
 *     ({@link HuggingFaceSubject#digestTexts}), or empty for {@value #DEFAULT_BATCH}
 * @param dtype the number type of the weight products: float32 (the default) or bfloat16
 * @param weights how float32 products hold their matrices: packed, stored, or (the default) whichever fits
 */
public record SubjectOptions(String policy, OptionalInt window, OptionalInt stride, OptionalInt chunk,
                             OptionalInt batch, ProductPrecision dtype, WeightsChoice weights) {
    /** The option keys this subject understands. */
    public static final List<String> KEYS = List.of("policy", "window", "stride", "chunk", "batch", "dtype", "weights");
    /**
     * The batch size when the {@code batch} option is not set: enough short texts (SyntaxGym's sentences,
     * about 15 tokens) to fill a call's 512 packed tokens.
     */
    public static final int DEFAULT_BATCH = 64;

    public SubjectOptions {
        if (policy != null && policy.isBlank()) {
            policy = null;
        }
        java.util.Objects.requireNonNull(window, "window");
        java.util.Objects.requireNonNull(stride, "stride");
        java.util.Objects.requireNonNull(chunk, "chunk");
        java.util.Objects.requireNonNull(batch, "batch");
        java.util.Objects.requireNonNull(dtype, "dtype");
        java.util.Objects.requireNonNull(weights, "weights");
        if (dtype == ProductPrecision.BFLOAT16 && weights != WeightsChoice.AUTO) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "option 'weights=" + weights.label() + "' applies to"
                    + " float32 products only; dtype=bfloat16 always keeps a bfloat16 copy of every matrix");
        }
    }

    /** Options whose float32 products hold their matrices as memory allows. */
    public SubjectOptions(String policy, OptionalInt window, OptionalInt stride, OptionalInt chunk,
                          OptionalInt batch, ProductPrecision dtype) {
        this(policy, window, stride, chunk, batch, dtype, WeightsChoice.AUTO);
    }

    /** Options with float32 products. */
    public SubjectOptions(String policy, OptionalInt window, OptionalInt stride, OptionalInt chunk,
                          OptionalInt batch) {
        this(policy, window, stride, chunk, batch, ProductPrecision.FLOAT32);
    }

    /** Options without a batch size (the default batch). */
    public SubjectOptions(String policy, OptionalInt window, OptionalInt stride, OptionalInt chunk) {
        this(policy, window, stride, chunk, OptionalInt.empty(), ProductPrecision.FLOAT32);
    }

    /** @return the batch size: the option's, or {@value #DEFAULT_BATCH} */
    public int batchSize() {
        return batch.orElse(DEFAULT_BATCH);
    }

    /** No option set: every value is the model's or the policy's default. */
    public static SubjectOptions defaults() {
        return new SubjectOptions(null, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    /**
     * Reads options.
     *
     * @param options the run options; keys other than {@link #KEYS} are refused
     * @return the options
     * @throws ScoringException {@link ErrorCode#INVALID_ARGUMENT} naming the key and value at fault (an unknown
     *     policy lists the known ones)
     */
    public static SubjectOptions parse(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "unknown option '" + key
                        + "' for a huggingface model; known options: " + String.join(", ", KEYS));
            }
        }
        String policy = options.get("policy");
        if (policy != null && !policy.isBlank()) {
            PolicyKind.of(policy.trim());   // an unknown name fails here, before any model is loaded
        }
        return new SubjectOptions(policy == null ? null : policy.trim(), positive(options, "window"),
                positive(options, "stride"), positive(options, "chunk"), positive(options, "batch"),
                options.get("dtype") == null || options.get("dtype").isBlank() ? ProductPrecision.FLOAT32
                        : ProductPrecision.parse(options.get("dtype")),
                options.get("weights") == null || options.get("weights").isBlank() ? WeightsChoice.AUTO
                        : WeightsChoice.parse(options.get("weights")));
    }

    /** @return the options as strings, only those that are set, in the order of {@link #KEYS} */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (policy != null) {
            map.put("policy", policy);
        }
        window.ifPresent(v -> map.put("window", Integer.toString(v)));
        stride.ifPresent(v -> map.put("stride", Integer.toString(v)));
        chunk.ifPresent(v -> map.put("chunk", Integer.toString(v)));
        batch.ifPresent(v -> map.put("batch", Integer.toString(v)));
        if (dtype != ProductPrecision.FLOAT32) {
            map.put("dtype", dtype.label());
        }
        if (weights != WeightsChoice.AUTO) {
            map.put("weights", weights.label());
        }
        return map;
    }

    private static OptionalInt positive(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 1) {
                throw new NumberFormatException("not positive");
            }
            return OptionalInt.of(parsed);
        } catch (NumberFormatException e) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "option '" + key + "' must be a positive whole"
                    + " number" + (key.equals("batch") ? " of texts" : " of tokens") + ", got '" + value + "'", e);
        }
    }
}
