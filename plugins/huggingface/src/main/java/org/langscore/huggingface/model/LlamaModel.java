package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@code LlamaForCausalLM}, {@code MistralForCausalLM} and {@code Qwen2ForCausalLM}: RMSNorm,
 * full-width rotary embedding, grouped-query attention with separate q/k/v projections (biased for
 * Qwen2), SwiGLU MLP. Mistral's {@code sliding_window} limits every token to itself and the
 * {@code W-1} keys before it (transformers 4.43+ rule).
 */
final class LlamaModel extends DecoderModel {

    private record Block(Weight inputNorm, Weight qWeight, Weight qBias, Weight kWeight, Weight kBias,
                         Weight vWeight, Weight vBias, Weight oWeight, Weight oBias, Weight postNorm,
                         Weight gateWeight, Weight gateBias, Weight upWeight, Weight upBias,
                         Weight downWeight, Weight downBias) {
    }

    private final LlamaConfig config;
    private final RotaryEmbedding rotary;
    private final Weight embedding;   // [V, E]
    private final Block[] blocks;
    private final Weight finalNorm;   // [E]
    private final Weight head;        // [V, E]

    private LlamaModel(NDManager root, WideningArena arena, ModelInfo info, LlamaConfig config, Weight embedding, Block[] blocks,
                       Weight finalNorm, Weight head) {
        super(root, arena, info, config.layers(), config.slidingWindow());
        this.config = config;
        this.rotary = new RotaryEmbedding(config.headDim(), config.ropeTheta(), config.ropeScaling(),
                config.maxPositionEmbeddings());
        this.embedding = embedding;
        this.blocks = blocks;
        this.finalNorm = finalNorm;
        this.head = head;
    }

    static LlamaModel load(LlamaConfig config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        long qRows = (long) config.heads() * config.headDim();
        long kvRows = (long) config.kvHeads() * config.headDim();
        long inner = config.intermediateSize();
        Weight embedding = reader.base("embed_tokens.weight", config.vocabSize(), e);
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "layers." + l + ".";
            String a = p + "self_attn.";
            String m = p + "mlp.";
            blocks[l] = new Block(
                    reader.base(p + "input_layernorm.weight", e),
                    reader.base(a + "q_proj.weight", qRows, e), bias(reader, config.qkvBias(), a + "q_proj.bias", qRows),
                    reader.base(a + "k_proj.weight", kvRows, e), bias(reader, config.qkvBias(), a + "k_proj.bias", kvRows),
                    reader.base(a + "v_proj.weight", kvRows, e), bias(reader, config.qkvBias(), a + "v_proj.bias", kvRows),
                    reader.base(a + "o_proj.weight", e, qRows), bias(reader, config.outputBias(), a + "o_proj.bias", e),
                    reader.base(p + "post_attention_layernorm.weight", e),
                    reader.base(m + "gate_proj.weight", inner, e), bias(reader, config.mlpBias(), m + "gate_proj.bias", inner),
                    reader.base(m + "up_proj.weight", inner, e), bias(reader, config.mlpBias(), m + "up_proj.bias", inner),
                    reader.base(m + "down_proj.weight", e, inner), bias(reader, config.mlpBias(), m + "down_proj.bias", e));
        }
        Weight norm = reader.base("norm.weight", e);
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), embedding, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, config.modelType(), config.vocabSize(),
                config.maxPositionEmbeddings(), config.slidingWindow(), false, reader.parameterCount());
        return new LlamaModel(root, reader.arena(), info, config, embedding, blocks, norm, head);
    }

    private static Weight bias(WeightReader reader, boolean present, String name, long size) {
        return present ? reader.base(name, size) : null;
    }

    @Override
    Weight head() {
        return head;
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        double eps = config.rmsNormEps();
        // 1. token embedding (no position embedding: positions enter through the rotary tables)
        NDArray x = TensorOps.embedding(ids, embedding);                                   // [n, E]
        NDArray[] rope = rotary.tables(step, positions);                                   // 2 x [n, 1, d]
        for (int l = 0; l < blocks.length; l++) {
            int layer = l;
            x = inLayerScope(step, x, (scope, input) -> block(scope, cache, layer, input, rope, mask));
        }
        // 6. final RMSNorm (the caller applies the head)
        return TensorOps.rmsNorm(x, finalNorm, eps);                                        // [n, E]
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray[] rope, NDArray mask) {
        long n = x.getShape().get(0);
        int heads = config.heads();
        int kvHeads = config.kvHeads();
        int headDim = config.headDim();
        double eps = config.rmsNormEps();
        Block b = blocks[l];
        // 2. RMSNorm, then separate q, k, v projections
        NDArray h = TensorOps.rmsNorm(x, b.inputNorm(), eps);                           // [n, E]
        NDArray q = TensorOps.linear(h, b.qWeight(), b.qBias()).reshape(n, heads, headDim);    // [n, H, d]
        NDArray k = TensorOps.linear(h, b.kWeight(), b.kBias()).reshape(n, kvHeads, headDim);  // [n, Hkv, d]
        NDArray v = TensorOps.linear(h, b.vWeight(), b.vBias()).reshape(n, kvHeads, headDim);  // [n, Hkv, d]
        // 3. rotary embedding on q and k at each token's position
        q = rotary.apply(q, rope).transpose(1, 0, 2);                                   // [H, n, d]
        k = rotary.apply(k, rope).transpose(1, 0, 2);                                   // [Hkv, n, d]
        NDArray[] kv = cache.append(l, k, v.transpose(1, 0, 2), scope);                  // 2 x [Hkv, L, d]
        // 4. grouped-query attention, output projection, residual add
        NDArray attended = TensorOps.attention(q, kv[0], kv[1], mask, Math.sqrt(headDim));  // [n, H·d]
        x = x.add(TensorOps.linear(attended, b.oWeight(), b.oBias()));                  // [n, E]
        // 5. RMSNorm, SwiGLU MLP, residual add
        h = TensorOps.rmsNorm(x, b.postNorm(), eps);                                    // [n, E]
        NDArray gate = config.activation().apply(TensorOps.linear(h, b.gateWeight(), b.gateBias()));  // [n, I]
        NDArray up = TensorOps.linear(h, b.upWeight(), b.upBias());                     // [n, I]
        x = x.add(TensorOps.linear(gate.mul(up), b.downWeight(), b.downBias()));        // [n, E]
        return x;
    }
}
