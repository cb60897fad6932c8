package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;

/**
 * Separate query, key and value projections ({@code q_proj}, {@code k_proj}, {@code v_proj}), as in
 * Llama, Gemma, Phi, OPT and GPT-Neo.
 *
 * @param q {@code [H·d, E]}
 * @param k {@code [Hkv·d, E]}
 * @param v {@code [Hkv·d, E]}
 */
record QkvProjections(Linear q, Linear k, Linear v) {

    /**
     * Projects the normed input and views each result per head, token-major.
     *
     * @param h the normed input, {@code [n, E]}
     * @param heads H
     * @param kvHeads Hkv
     * @param headDim d
     * @return {q {@code [n, H, d]}, k {@code [n, Hkv, d]}, v {@code [n, Hkv, d]}}
     */
    NDArray[] perToken(NDArray h, int heads, int kvHeads, int headDim) {
        long n = h.getShape().get(0);
        return new NDArray[] {
            q.apply(h).reshape(n, heads, headDim),                                     // [n, H, d]
            k.apply(h).reshape(n, kvHeads, headDim),                                   // [n, Hkv, d]
            v.apply(h).reshape(n, kvHeads, headDim)};                                  // [n, Hkv, d]
    }

    /**
     * {@link #perToken} transposed head-major, as {@link Attention#overCache} takes them.
     *
     * @return {q {@code [H, n, d]}, k {@code [Hkv, n, d]}, v {@code [Hkv, n, d]}}
     */
    NDArray[] perHead(NDArray h, int heads, int kvHeads, int headDim) {
        NDArray[] qkv = perToken(h, heads, kvHeads, headDim);
        return new NDArray[] {qkv[0].transpose(1, 0, 2), qkv[1].transpose(1, 0, 2), qkv[2].transpose(1, 0, 2)};
    }

    /**
     * Reads {@code prefix + "q_proj"}, {@code "k_proj"} and {@code "v_proj"}.
     *
     * @param reader the model's weight reader
     * @param prefix the attention's name prefix, with its dot
     * @param biased whether the projections have biases
     * @param qRows {@code H·d}
     * @param kvRows {@code Hkv·d}
     * @param in E
     * @return the projections
     */
    static QkvProjections read(WeightReader reader, String prefix, boolean biased, long qRows, long kvRows, long in) {
        return new QkvProjections(Linear.read(reader, prefix + "q_proj", biased, qRows, in),
                Linear.read(reader, prefix + "k_proj", biased, kvRows, in),
                Linear.read(reader, prefix + "v_proj", biased, kvRows, in));
    }
}
