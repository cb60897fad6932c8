package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@code GemmaForCausalLM} (Gemma 1): embeddings multiplied by {@code sqrt(hidden_size)}, RMSNorm scaling
 * by {@code (1 + w)}, separate q/k/v projections with a {@code head_dim} of their own, multi-query or
 * grouped-query attention, full-width rotary embedding, GeGLU MLP (tanh GELU gate), tied head.
 */
final class GemmaModel extends DecoderModel {

    private record Block(Weight inputNorm, Weight qWeight, Weight qBias, Weight kWeight, Weight kBias,
                         Weight vWeight, Weight vBias, Weight oWeight, Weight oBias, Weight postNorm,
                         Weight gateWeight, Weight upWeight, Weight downWeight) {
    }

    private final GemmaConfig config;
    private final RotaryEmbedding rotary;
    private final Weight embedding;   // [V, E]
    private final Block[] blocks;
    private final Weight finalNorm;   // [E]
    private final Weight head;        // [V, E]

    private GemmaModel(NDManager root, WideningArena arena, ModelInfo info, GemmaConfig config, Weight embedding,
                       Block[] blocks, Weight finalNorm, Weight head) {
        super(root, arena, info, config.layers(), 0);
        this.config = config;
        this.rotary = new RotaryEmbedding(config.headDim(), config.ropeTheta(), RopeScaling.NONE,
                config.maxPositionEmbeddings());
        this.embedding = embedding;
        this.blocks = blocks;
        this.finalNorm = finalNorm;
        this.head = head;
    }

    /**
     * Reads the weights.
     *
     * @param config the configuration
     * @param reader the weight reader (prefix {@code model.})
     * @param root the model's manager
     * @param architecture the config's architecture name
     */
    static GemmaModel load(GemmaConfig config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        long qRows = (long) config.heads() * config.headDim();
        long kvRows = (long) config.kvHeads() * config.headDim();
        long inner = config.intermediateSize();
        boolean bias = config.attentionBias();
        Weight embedding = reader.base("embed_tokens.weight", config.vocabSize(), e);
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "layers." + l + ".";
            String a = p + "self_attn.";
            String m = p + "mlp.";
            blocks[l] = new Block(
                    reader.base(p + "input_layernorm.weight", e),
                    reader.base(a + "q_proj.weight", qRows, e), bias ? reader.base(a + "q_proj.bias", qRows) : null,
                    reader.base(a + "k_proj.weight", kvRows, e), bias ? reader.base(a + "k_proj.bias", kvRows) : null,
                    reader.base(a + "v_proj.weight", kvRows, e), bias ? reader.base(a + "v_proj.bias", kvRows) : null,
                    reader.base(a + "o_proj.weight", e, qRows), bias ? reader.base(a + "o_proj.bias", e) : null,
                    reader.base(p + "post_attention_layernorm.weight", e),
                    reader.base(m + "gate_proj.weight", inner, e),
                    reader.base(m + "up_proj.weight", inner, e),
                    reader.base(m + "down_proj.weight", e, inner));
        }
        Weight norm = reader.base("norm.weight", e);
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), embedding, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.GEMMA.modelType(),
                config.vocabSize(), config.maxPositionEmbeddings(), 0,
                false, reader.parameterCount());
        return new GemmaModel(root, reader.arena(), info, config, embedding, blocks, norm, head);
    }

    @Override
    Weight head() {
        return head;
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        double eps = config.rmsNormEps();
        // 1. token embedding times sqrt(hidden_size) (rounded to float32)
        NDArray x = TensorOps.embedding(ids, embedding).mul(config.embeddingScale());        // [n, E]
        NDArray[] rope = rotary.tables(step, positions);                                     // 2 x [n, 1, d]
        for (int l = 0; l < blocks.length; l++) {
            int layer = l;
            x = inLayerScope(step, x, (scope, input) -> block(scope, cache, layer, input, rope, mask));
        }
        // 6. final RMSNorm with (1 + w) (the caller applies the tied head)
        return NormVariants.gemmaRmsNorm(x, finalNorm, eps);                                  // [n, E]
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray[] rope, NDArray mask) {
        long n = x.getShape().get(0);
        int heads = config.heads();
        int kvHeads = config.kvHeads();
        int headDim = config.headDim();
        double eps = config.rmsNormEps();
        Block b = blocks[l];
        // 2. RMSNorm (1 + w), separate q, k, v projections of head_dim each
        NDArray h = NormVariants.gemmaRmsNorm(x, b.inputNorm(), eps);                            // [n, E]
        NDArray q = TensorOps.linear(h, b.qWeight(), b.qBias()).reshape(n, heads, headDim);       // [n, H, d]
        NDArray k = TensorOps.linear(h, b.kWeight(), b.kBias()).reshape(n, kvHeads, headDim);     // [n, Hkv, d]
        NDArray v = TensorOps.linear(h, b.vWeight(), b.vBias()).reshape(n, kvHeads, headDim);     // [n, Hkv, d]
        // 3. rotary embedding on q and k
        q = rotary.apply(q, rope).transpose(1, 0, 2);                                           // [H, n, d]
        k = rotary.apply(k, rope).transpose(1, 0, 2);                                           // [Hkv, n, d]
        NDArray[] kv = cache.append(l, k, v.transpose(1, 0, 2), scope);                          // 2 x [Hkv, L, d]
        // 4. attention scaled by 1/sqrt(head_dim), output projection, residual add
        NDArray attended = TensorOps.attention(q, kv[0], kv[1], mask, Math.sqrt(headDim));      // [n, H·d]
        x = x.add(TensorOps.linear(attended, b.oWeight(), b.oBias()));                          // [n, E]
        // 5. RMSNorm (1 + w), GeGLU MLP, residual add
        h = NormVariants.gemmaRmsNorm(x, b.postNorm(), eps);                                     // [n, E]
        NDArray gate = config.activation().apply(TensorOps.linear(h, b.gateWeight(), null));    // [n, I]
        NDArray up = TensorOps.linear(h, b.upWeight(), null);                                    // [n, I]
        return x.add(TensorOps.linear(gate.mul(up), b.downWeight(), null));                     // [n, E]
    }
}
