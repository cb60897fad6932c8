package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The step of a decoder layer that every family shares once it has its queries, keys and values: the new
 * keys and values join the layer's cache, and the queries attend over all of them under the call's mask.
 */
final class Attention {

    private Attention() {
    }

    /**
     * Head-major queries, keys and values.
     *
     * @param scope the layer's manager
     * @param cache the cache, which gains {@code k} and {@code v} at {@code layer}
     * @param layer the layer
     * @param q {@code [H, n, d]}
     * @param k {@code [Hkv, n, d]}
     * @param v {@code [Hkv, n, d]}
     * @param mask {@code [n, past + n]}, or {@code [H, n, past + n]} with a per-head bias
     * @param scoreDivisor what the scores {@code q · k} are divided by ({@code sqrt(d)} in most families)
     * @return the attended values, {@code [n, H·d]}
     */
    static NDArray overCache(NDManager scope, LayerKvCache cache, int layer, NDArray q, NDArray k, NDArray v,
                             NDArray mask, double scoreDivisor) {
        NDArray[] kv = cache.append(layer, k, v, scope);                                 // 2 x [Hkv, past + n, d]
        return TensorOps.attention(q, kv[0], kv[1], mask, scoreDivisor);                // [n, H·d]
    }

    /**
     * Splits a fused projection whose q, k and v are column blocks (GPT-2's {@code c_attn}, MPT's
     * {@code Wqkv}) into head-major queries, keys and values.
     *
     * @param fused {@code [n, 3·H·d]}
     * @param heads H
     * @param headDim d
     * @return {q, k, v}, each {@code [H, n, d]}
     */
    static NDArray[] columnBlocks(NDArray fused, int heads, int headDim) {
        long n = fused.getShape().get(0);
        NDList qkv = fused.split(3, 1);                                                    // 3 x [n, H·d]
        return new NDArray[] {
            qkv.get(0).reshape(n, heads, headDim).transpose(1, 0, 2),                      // [H, n, d]
            qkv.get(1).reshape(n, heads, headDim).transpose(1, 0, 2),                      // [H, n, d]
            qkv.get(2).reshape(n, heads, headDim).transpose(1, 0, 2)};                     // [H, n, d]
    }
}
