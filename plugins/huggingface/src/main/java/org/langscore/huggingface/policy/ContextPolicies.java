package org.langscore.huggingface.policy;

import java.util.Map;

import org.langscore.huggingface.model.ModelInfo;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Creates context policies by name with their parameters ({@code window}, {@code stride},
 * {@code chunk}), filling in defaults from the model; the names, parameters and defaults are those of
 * {@link PolicyKind}.
 */
public final class ContextPolicies {

    private ContextPolicies() {
    }

    /**
     * The default policy of a model ({@link PolicyKind#defaultFor}) with default parameters.
     *
     * @param info the model
     * @return the policy with default parameters
     */
    public static ContextPolicy defaultFor(ModelInfo info) {
        return PolicyKind.defaultFor(info).build(Map.of(), info);
    }

    /**
     * @param name a {@link PolicyKind#label()}
     * @param params overrides of {@code window}, {@code stride}, {@code chunk} (decimal integers)
     * @param info the model
     * @return the policy
     * @throws ScoringException {@link ErrorCode#INVALID_ARGUMENT} for an unknown name (the message lists the
     *     known ones) or parameter, a bad value, or a policy the model cannot run ({@code sliding} on learned
     *     positions, a window beyond a learned position table)
     */
    public static ContextPolicy forName(String name, Map<String, String> params, ModelInfo info) {
        return PolicyKind.of(name).build(params, info);
    }
}
