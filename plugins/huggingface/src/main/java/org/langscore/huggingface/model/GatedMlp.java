package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;

/**
 * A gated MLP ({@code gate_proj}, {@code up_proj}, {@code down_proj}): {@code down(act(gate(h)) · up(h))},
 * SwiGLU in Llama, GeGLU in Gemma.
 *
 * @param gate {@code [I, E]}
 * @param up {@code [I, E]}
 * @param down {@code [E, I]}
 */
record GatedMlp(Linear gate, Linear up, Linear down) {

    /**
     * The MLP added to a residual, inside the last product where it is packed.
     *
     * @param h the normed input, {@code [n, E]}
     * @param activation the gate's activation
     * @param residual {@code [n, E]}
     * @return {@code residual + mlp(h)}, {@code [n, E]}
     */
    NDArray apply(NDArray h, Activation activation, NDArray residual) {
        NDArray gated = gate.apply(h, Epilogue.of(activation), null);                  // [n, I]
        NDArray both = up.apply(h, Epilogue.TIMES, gated);                             // [n, I], up(h) · gated
        return down.apply(both, Epilogue.PLUS, residual);                              // [n, E]
    }

    /**
     * Reads {@code prefix + "gate_proj"}, {@code "up_proj"} and {@code "down_proj"}.
     *
     * @param reader the model's weight reader
     * @param prefix the MLP's name prefix, with its dot
     * @param biased whether the projections have biases
     * @param inner I
     * @param width E
     * @return the MLP
     */
    static GatedMlp read(WeightReader reader, String prefix, boolean biased, long inner, long width) {
        return new GatedMlp(Linear.read(reader, prefix + "gate_proj", biased, inner, width),
                Linear.read(reader, prefix + "up_proj", biased, inner, width),
                Linear.read(reader, prefix + "down_proj", biased, width, inner));
    }
}
