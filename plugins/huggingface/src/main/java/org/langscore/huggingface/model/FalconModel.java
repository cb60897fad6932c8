package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * {@code FalconForCausalLM}: LayerNorm, a fused q/k/v projection whose row layout depends on
 * {@code new_decoder_architecture} and {@code multi_query}, full-width rotary embedding, parallel
 * attention and MLP (one shared LayerNorm in the 7B style, two in the new architecture), exact GELU,
 * tied head.
 */
final class FalconModel extends DecoderModel {

    private record Block(Weight attnNormWeight, Weight attnNormBias, Weight mlpNormWeight, Weight mlpNormBias,
                         Weight qkvWeight, Weight qkvBias, Weight denseWeight, Weight denseBias,
                         Weight upWeight, Weight upBias, Weight downWeight, Weight downBias) {
    }

    private final FalconConfig config;
    private final RotaryEmbedding rotary;
    private final Weight embedding;        // [V, E]
    private final Block[] blocks;
    private final Weight finalNormWeight;  // [E]
    private final Weight finalNormBias;    // [E]
    private final Weight head;             // [V, E]

    private FalconModel(NDManager root, WideningArena arena, ModelInfo info, FalconConfig config, Weight embedding, Block[] blocks,
                        Weight finalNormWeight, Weight finalNormBias, Weight head) {
        super(root, arena, info, config.layers(), 0);
        this.config = config;
        this.rotary = new RotaryEmbedding(config.headDim(), config.ropeTheta(), config.ropeScaling(),
                config.maxPositionEmbeddings());
        this.embedding = embedding;
        this.blocks = blocks;
        this.finalNormWeight = finalNormWeight;
        this.finalNormBias = finalNormBias;
        this.head = head;
    }

    static FalconModel load(FalconConfig config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        long inner = config.ffnHiddenSize();
        long fused = (long) (config.heads() + 2 * config.kvHeads()) * config.headDim();
        boolean bias = config.bias();
        Weight embedding = reader.base("word_embeddings.weight", config.vocabSize(), e);
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "h." + l + ".";
            Weight attnNormWeight;
            Weight attnNormBias;
            Weight mlpNormWeight;
            Weight mlpNormBias;
            if (config.newDecoderArchitecture()) {
                attnNormWeight = reader.base(p + "ln_attn.weight", e);
                attnNormBias = reader.base(p + "ln_attn.bias", e);
                mlpNormWeight = reader.base(p + "ln_mlp.weight", e);
                mlpNormBias = reader.base(p + "ln_mlp.bias", e);
            } else {
                attnNormWeight = reader.base(p + "input_layernorm.weight", e);
                attnNormBias = reader.base(p + "input_layernorm.bias", e);
                mlpNormWeight = config.parallelAttention() ? null : reader.base(p + "post_attention_layernorm.weight", e);
                mlpNormBias = config.parallelAttention() ? null : reader.base(p + "post_attention_layernorm.bias", e);
            }
            blocks[l] = new Block(attnNormWeight, attnNormBias, mlpNormWeight, mlpNormBias,
                    reader.base(p + "self_attention.query_key_value.weight", fused, e),
                    bias ? reader.base(p + "self_attention.query_key_value.bias", fused) : null,
                    reader.base(p + "self_attention.dense.weight", e, e),
                    bias ? reader.base(p + "self_attention.dense.bias", e) : null,
                    reader.base(p + "mlp.dense_h_to_4h.weight", inner, e),
                    bias ? reader.base(p + "mlp.dense_h_to_4h.bias", inner) : null,
                    reader.base(p + "mlp.dense_4h_to_h.weight", e, inner),
                    bias ? reader.base(p + "mlp.dense_4h_to_h.bias", e) : null);
        }
        Weight normWeight = reader.base("ln_f.weight", e);
        Weight normBias = reader.base("ln_f.bias", e);
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), embedding, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.FALCON.modelType(),
                config.vocabSize(), config.maxPositionEmbeddings(), 0,
                false, reader.parameterCount());
        return new FalconModel(root, reader.arena(), info, config, embedding, blocks, normWeight, normBias, head);
    }

    @Override
    Weight head() {
        return head;
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        double eps = config.layerNormEps();
        // 1. token embedding
        NDArray x = TensorOps.embedding(ids, embedding);                                       // [n, E]
        NDArray[] rope = rotary.tables(step, positions);                                       // 2 x [n, 1, d]
        for (int l = 0; l < blocks.length; l++) {
            int layer = l;
            x = inLayerScope(step, x, (scope, input) -> block(scope, cache, layer, input, rope, mask));
        }
        // 5. final LayerNorm (the caller applies the tied head)
        return TensorOps.layerNorm(x, finalNormWeight, finalNormBias, eps);                           // [n, E]
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray[] rope, NDArray mask) {
        long n = x.getShape().get(0);
        int heads = config.heads();
        int kvHeads = config.kvHeads();
        int headDim = config.headDim();
        double eps = config.layerNormEps();
        Block b = blocks[l];
        // 2. the LayerNorm(s): two in the new architecture, one shared otherwise
        NDArray attnIn = TensorOps.layerNorm(x, b.attnNormWeight(), b.attnNormBias(), eps);          // [n, E]
        NDArray mlpIn = config.newDecoderArchitecture()
                ? TensorOps.layerNorm(x, b.mlpNormWeight(), b.mlpNormBias(), eps) : attnIn;          // [n, E]
        // 3. fused projection split by the layout, rotary on q and k
        NDArray fused = TensorOps.linear(attnIn, b.qkvWeight(), b.qkvBias());                       // [n, (H+2Hkv)·d]
        NDArray[] qkv = split(fused, n, heads, kvHeads, headDim);                                    // [n, H|Hkv, d]
        NDArray q = rotary.apply(qkv[0], rope).transpose(1, 0, 2);                                  // [H, n, d]
        NDArray k = rotary.apply(qkv[1], rope).transpose(1, 0, 2);                                  // [Hkv, n, d]
        NDArray[] kv = cache.append(l, k, qkv[2].transpose(1, 0, 2), scope);                         // 2 x [Hkv, L, d]
        NDArray attended = TensorOps.attention(q, kv[0], kv[1], mask, Math.sqrt(headDim));          // [n, E]
        NDArray a = TensorOps.linear(attended, b.denseWeight(), b.denseBias());                    // [n, E]
        // 4. residual: parallel (x + (mlp + attention)) or sequential
        if (config.newDecoderArchitecture() || config.parallelAttention()) {
            x = x.add(mlp(mlpIn, b).add(a));                                                       // [n, E]
        } else {
            x = x.add(a);                                                                          // [n, E]
            x = x.add(mlp(TensorOps.layerNorm(x, b.mlpNormWeight(), b.mlpNormBias(), eps), b));    // [n, E]
        }
        return x;
    }

    /** Splits the fused projection into q {@code [n, H, d]}, k and v {@code [n, Hkv, d]}. */
    private NDArray[] split(NDArray fused, long n, int heads, int kvHeads, int headDim) {
        switch (config.layout()) {
            case GROUPED: {
                int group = heads / kvHeads;
                NDArray g = fused.reshape(n, kvHeads, group + 2, headDim);                        // [n, G, r+2, d]
                return new NDArray[] {
                    g.get(new NDIndex(":, :, :{}, :", group)).reshape(n, heads, headDim),         // [n, H, d]
                    g.get(new NDIndex(":, :, {}, :", group)),                                     // [n, G, d]
                    g.get(new NDIndex(":, :, {}, :", group + 1))};                                // [n, G, d]
            }
            case MULTI_QUERY: {
                NDArray m = fused.reshape(n, heads + 2, headDim);                                 // [n, H+2, d]
                return new NDArray[] {
                    m.get(new NDIndex(":, :{}, :", heads)),                                       // [n, H, d]
                    m.get(new NDIndex(":, {}:{}, :", heads, heads + 1)),                          // [n, 1, d]
                    m.get(new NDIndex(":, {}:, :", heads + 1))};                                  // [n, 1, d]
            }
            case PER_HEAD: {
                NDArray p = fused.reshape(n, heads, 3, headDim);                                  // [n, H, 3, d]
                return new NDArray[] {
                    p.get(new NDIndex(":, :, 0, :")), p.get(new NDIndex(":, :, 1, :")),
                    p.get(new NDIndex(":, :, 2, :"))};                                            // 3 x [n, H, d]
            }
        }
        throw new AssertionError(config.layout());
    }

    private NDArray mlp(NDArray h, Block b) {
        NDArray up = config.activation().apply(TensorOps.linear(h, b.upWeight(), b.upBias()));      // [n, I]
        return TensorOps.linear(up, b.downWeight(), b.downBias());                                  // [n, E]
    }
}
