package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The norms that differ from {@link TensorOps}' plain ones: a LayerNorm whose checkpoint has no bias
 * (MPT) and Gemma's RMSNorm, which scales by {@code 1 + w}. Weights are widened in the manager of
 * {@code x} (the layer or call scope) and never modified.
 */
final class NormVariants {

    private NormVariants() {
    }

    /** LayerNorm with a gain and no bias: {@code (x - μ) / sqrt(σ² + eps) · w}. */
    static NDArray layerNormWithoutBias(NDArray x, Weight weight, double eps) {
        NDManager scope = x.getManager();
        NDArray gain = weight.in(scope);
        return TensorOps.layerNorm(x, gain, scope.zeros(gain.getShape()), eps);
    }

    /**
     * Gemma's RMSNorm in float32: {@code x / sqrt(mean(x²) + eps) · (1 + w)}.
     *
     * @param x {@code [n, E]}
     * @param weight the stored {@code w} (zero-centred)
     * @param eps {@code rms_norm_eps}
     * @return {@code [n, E]}
     */
    static NDArray gemmaRmsNorm(NDArray x, Weight weight, double eps) {
        NDManager scope = x.getManager();
        NDArray w = weight.in(scope);
        NDArray gain = scope.ones(w.getShape()).add(w);                 // 1 + w, in the scope
        return TensorOps.rmsNorm(x, gain, eps);
    }
}
