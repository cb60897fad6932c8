package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;

/**
 * A two-layer MLP, {@code down(act(up(h)))}: GPT-2's {@code c_fc}/{@code c_proj}, GPT-NeoX's and
 * Falcon's {@code dense_h_to_4h}/{@code dense_4h_to_h}, OPT's and Phi's {@code fc1}/{@code fc2}, MPT's
 * {@code up_proj}/{@code down_proj}.
 *
 * @param up {@code [I, E]}
 * @param down {@code [E, I]}
 */
record Mlp(Linear up, Linear down) {

    /**
     * @param h the MLP's input, {@code [n, E]}
     * @param activation the family's activation
     * @return {@code [n, E]}
     */
    NDArray apply(NDArray h, Activation activation) {
        NDArray hidden = up.apply(h, Epilogue.of(activation), null);                   // [n, I]
        return down.apply(hidden);                                                     // [n, E]
    }

    /**
     * {@link #apply(NDArray, Activation)} added to a residual, inside the last product where it is packed.
     *
     * @param h the MLP's input, {@code [n, E]}
     * @param activation the family's activation
     * @param residual {@code [n, E]}
     * @return {@code residual + mlp(h)}, {@code [n, E]}
     */
    NDArray apply(NDArray h, Activation activation, NDArray residual) {
        NDArray hidden = up.apply(h, Epilogue.of(activation), null);                   // [n, I]
        return down.apply(hidden, Epilogue.PLUS, residual);                           // [n, E]
    }

    /**
     * Reads {@code upName.weight} {@code [inner, width]} and {@code downName.weight} {@code [width, inner]}
     * with their biases where the family has them.
     *
     * @param reader the model's weight reader
     * @param upName the first layer's name without {@code .weight}
     * @param downName the second layer's name without {@code .weight}
     * @param biased whether both layers have biases
     * @param inner I
     * @param width E
     * @return the MLP
     */
    static Mlp read(WeightReader reader, String upName, String downName, boolean biased, long inner, long width) {
        return new Mlp(Linear.read(reader, upName, biased, inner, width),
                Linear.read(reader, downName, biased, width, inner));
    }
}
