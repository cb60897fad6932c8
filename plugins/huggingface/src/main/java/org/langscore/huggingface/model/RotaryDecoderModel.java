package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * What the families with rotary positions share (Llama, Mistral, Qwen2, Gemma, Phi, Falcon, GPT-NeoX):
 * the token embedding, the call's rotary tables, running the layers and the attention over rotated
 * queries and keys. A subclass supplies its layer and its final norm.
 */
abstract class RotaryDecoderModel extends DecoderModel {

    /** What one layer of one call works with. */
    record LayerCall(NDManager scope, LayerKvCache cache, int layer, NDArray[] rope, NDArray mask) {
    }

    private final Weight embedding;         // [V, E]
    private final RotaryEmbedding rotary;

    /**
     * @param root the model's manager
     * @param arena where the stored F16/BF16 matrices are widened
     * @param info the model's facts
     * @param layers the number of layers
     * @param ownWindow the model's own attention window, 0 for none
     * @param embedding the token embedding, {@code [V, E]}
     * @param head the output layer, {@code [V, E]}
     * @param rotary the family's rotary embedding
     */
    RotaryDecoderModel(NDManager root, WideningArena arena, ModelInfo info, int layers, int ownWindow,
                       Weight embedding, Weight head, RotaryEmbedding rotary) {
        super(root, arena, info, layers, ownWindow, head);
        this.embedding = embedding;
        this.rotary = rotary;
    }

    @Override
    final NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        // 1. token embedding; positions enter only through the rotary tables
        NDArray x = scaleEmbedding(TensorOps.embedding(ids, embedding));                     // [n, E]
        NDArray[] rope = rotary.tables(step, positions);                                     // 2 x [n, 1, R]
        // 2. the layers
        x = throughLayers(step, x, (scope, l, input) -> layer(new LayerCall(scope, cache, l, rope, mask), input));
        // 3. the final norm (the caller applies the head)
        return applyFinalNorm(x);                                                            // [n, E]
    }

    /** @return the token embeddings {@code [n, E]} as the first layer takes them (Gemma scales them) */
    NDArray scaleEmbedding(NDArray tokens) {
        return tokens;
    }

    /**
     * One decoder layer, run in its own scope.
     *
     * @param call the layer's scope, cache, index, rotary tables and mask
     * @param x the layer's input, {@code [n, E]}
     * @return the layer's output, {@code [n, E]}
     */
    abstract NDArray layer(LayerCall call, NDArray x);

    /** @return the last layer's output {@code [n, E]} through the family's final norm, {@code [n, E]} */
    abstract NDArray applyFinalNorm(NDArray x);

    /**
     * Rotates the queries and keys by position, appends the keys and values to the layer's cache and
     * attends; scores divided by {@code sqrt(d)}.
     *
     * @param call the layer's call
     * @param q {@code [n, H, d]}
     * @param k {@code [n, Hkv, d]}
     * @param v {@code [n, Hkv, d]}
     * @return the attended values, {@code [n, H·d]}
     */
    NDArray attend(LayerCall call, NDArray q, NDArray k, NDArray v) {
        long headDim = q.getShape().get(2);
        NDArray rotatedQ = rotary.apply(q, call.rope()).transpose(1, 0, 2);                 // [H, n, d]
        NDArray rotatedK = rotary.apply(k, call.rope()).transpose(1, 0, 2);                 // [Hkv, n, d]
        return Attention.overCache(call.scope(), call.cache(), call.layer(), rotatedQ, rotatedK,
                v.transpose(1, 0, 2), call.mask(), Math.sqrt(headDim));                    // [n, H·d]
    }
}
