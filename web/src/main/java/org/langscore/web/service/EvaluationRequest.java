package org.langscore.web.service;

import java.util.List;

/**
 * A request to evaluate models on benchmarks. Give {@code model} or {@code models} ("*" for every
 * registered model) and {@code benchmarks} (identifiers or parents; empty or "*" for all).
 *
 * @param model one model, by database id or identifier
 * @param models several models, by database id or identifier
 * @param benchmarks benchmark identifiers or parents (groups)
 * @param policy the context policy (default: the subject's default)
 * @param dtype the precision of the weight products, "float32" (default) or "bfloat16"
 */
public record EvaluationRequest(String model, List<String> models, List<String> benchmarks, String policy,
                                String dtype) {

    /** The precisions a request may ask for. */
    public static final List<String> DTYPES = List.of("float32", "bfloat16");

    /** A request in the default precision, float32. */
    public EvaluationRequest(String model, List<String> models, List<String> benchmarks, String policy) {
        this(model, models, benchmarks, policy, null);
    }
}
