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
 */
public record EvaluationRequest(String model, List<String> models, List<String> benchmarks, String policy) {
}
