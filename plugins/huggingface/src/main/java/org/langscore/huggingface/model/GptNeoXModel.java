package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * {@code GPTNeoXForCausalLM} (Pythia): LayerNorm, fused q/k/v projection interleaved per head
 * ({@code [H, 3, d]}), partial rotary embedding over the first {@code R} dims, parallel residual
 * (attention and MLP read the same input), exact GELU, untied {@code embed_out} head.
 */
final class GptNeoXModel extends DecoderModel {

    private record Block(Weight inputNormWeight, Weight inputNormBias, Weight qkvWeight, Weight qkvBias,
                         Weight denseWeight, Weight denseBias, Weight postNormWeight, Weight postNormBias,
                         Weight upWeight, Weight upBias, Weight downWeight, Weight downBias) {
    }

    private final GptNeoXConfig config;
    private final RotaryEmbedding rotary;
    private final Weight embedding;        // [V, E]
    private final Block[] blocks;
    private final Weight finalNormWeight;  // [E]
    private final Weight finalNormBias;    // [E]
    private final Weight head;             // [V, E]

    private GptNeoXModel(NDManager root, WideningArena arena, ModelInfo info, GptNeoXConfig config, Weight embedding, Block[] blocks,
                         Weight finalNormWeight, Weight finalNormBias, Weight head) {
        super(root, arena, info, config.layers(), 0);
        this.config = config;
        this.rotary = new RotaryEmbedding(config.rotaryDim(), config.rotaryBase(), config.ropeScaling(),
                config.maxPositionEmbeddings());
        this.embedding = embedding;
        this.blocks = blocks;
        this.finalNormWeight = finalNormWeight;
        this.finalNormBias = finalNormBias;
        this.head = head;
    }

    static GptNeoXModel load(GptNeoXConfig config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        long inner = config.intermediateSize();
        boolean bias = config.attentionBias();
        Weight embedding = reader.base("embed_in.weight", config.vocabSize(), e);
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "layers." + l + ".";
            blocks[l] = new Block(
                    reader.base(p + "input_layernorm.weight", e), reader.base(p + "input_layernorm.bias", e),
                    reader.base(p + "attention.query_key_value.weight", 3 * e, e),
                    bias ? reader.base(p + "attention.query_key_value.bias", 3 * e) : null,
                    reader.base(p + "attention.dense.weight", e, e),
                    bias ? reader.base(p + "attention.dense.bias", e) : null,
                    reader.base(p + "post_attention_layernorm.weight", e),
                    reader.base(p + "post_attention_layernorm.bias", e),
                    reader.base(p + "mlp.dense_h_to_4h.weight", inner, e), reader.base(p + "mlp.dense_h_to_4h.bias", inner),
                    reader.base(p + "mlp.dense_4h_to_h.weight", e, inner), reader.base(p + "mlp.dense_4h_to_h.bias", e));
        }
        Weight normWeight = reader.base("final_layer_norm.weight", e);
        Weight normBias = reader.base("final_layer_norm.bias", e);
        Weight head = reader.head("embed_out.weight", config.tieWordEmbeddings(), embedding, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.GPT_NEOX.modelType(),
                config.vocabSize(), config.maxPositionEmbeddings(), 0,
                false, reader.parameterCount());
        return new GptNeoXModel(root, reader.arena(), info, config, embedding, blocks, normWeight, normBias, head);
    }

    @Override
    Weight head() {
        return head;
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        double eps = config.layerNormEps();
        // 1. token embedding
        NDArray x = TensorOps.embedding(ids, embedding);                                      // [n, E]
        NDArray[] rope = rotary.tables(step, positions);                                      // 2 x [n, 1, R]
        for (int l = 0; l < blocks.length; l++) {
            int layer = l;
            x = inLayerScope(step, x, (scope, input) -> block(scope, cache, layer, input, rope, mask));
        }
        // 6. final LayerNorm (the caller applies the embed_out head)
        return TensorOps.layerNorm(x, finalNormWeight, finalNormBias, eps);                  // [n, E]
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray[] rope, NDArray mask) {
        long n = x.getShape().get(0);
        int heads = config.heads();
        int headDim = config.headDim();
        double eps = config.layerNormEps();
        Block b = blocks[l];
        // 2. LayerNorm, fused projection viewed per head as (q, k, v)
        NDArray attnIn = TensorOps.layerNorm(x, b.inputNormWeight(), b.inputNormBias(), eps);       // [n, E]
        NDArray qkv = TensorOps.linear(attnIn, b.qkvWeight(), b.qkvBias())
                .reshape(n, heads, 3, headDim);                                            // [n, H, 3, d]
        NDArray q = qkv.get(new NDIndex(":, :, 0, :"));                                   // [n, H, d]
        NDArray k = qkv.get(new NDIndex(":, :, 1, :"));                                   // [n, H, d]
        NDArray v = qkv.get(new NDIndex(":, :, 2, :"));                                   // [n, H, d]
        // 3. partial rotary embedding: the first R dims of q and k
        q = rotary.apply(q, rope).transpose(1, 0, 2);                                      // [H, n, d]
        k = rotary.apply(k, rope).transpose(1, 0, 2);                                      // [H, n, d]
        NDArray[] kv = cache.append(l, k, v.transpose(1, 0, 2), scope);                     // 2 x [H, L, d]
        // 4. attention and its output projection
        NDArray attended = TensorOps.attention(q, kv[0], kv[1], mask, Math.sqrt(headDim)); // [n, E]
        NDArray a = TensorOps.linear(attended, b.denseWeight(), b.denseBias());           // [n, E]
        // 5. MLP on the same input (parallel residual) or after the attention (sequential)
        if (config.parallelResidual()) {
            NDArray m = mlp(TensorOps.layerNorm(x, b.postNormWeight(), b.postNormBias(), eps), b);  // [n, E]
            x = m.add(a).add(x);                                                          // [n, E]
        } else {
            x = x.add(a);                                                                 // [n, E]
            x = x.add(mlp(TensorOps.layerNorm(x, b.postNormWeight(), b.postNormBias(), eps), b));   // [n, E]
        }
        return x;
    }

    private NDArray mlp(NDArray h, Block b) {
        NDArray up = config.activation().apply(TensorOps.linear(h, b.upWeight(), b.upBias()));  // [n, I]
        return TensorOps.linear(up, b.downWeight(), b.downBias());                              // [n, E]
    }
}
