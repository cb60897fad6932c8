package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;

/**
 * One LayerNorm's stored gain and bias, over the last dimension.
 *
 * @param weight the gain {@code [E]}
 * @param bias the bias {@code [E]}
 */
record LayerNorm(Weight weight, Weight bias) {

    /** @return {@code x} {@code [.., E]} normed, {@code [.., E]} */
    NDArray apply(NDArray x, double eps) {
        return TensorOps.layerNorm(x, weight, bias, eps);
    }

    /**
     * Reads {@code name.weight} and {@code name.bias}, each {@code [width]}.
     *
     * @param reader the model's weight reader
     * @param name the norm's name without {@code .weight}
     * @param width E
     * @return the norm
     */
    static LayerNorm read(WeightReader reader, String name, long width) {
        return new LayerNorm(reader.base(name + ".weight", width), reader.base(name + ".bias", width));
    }
}
