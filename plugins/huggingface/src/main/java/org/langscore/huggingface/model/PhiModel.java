package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * {@code PhiForCausalLM} (Phi-2 layout): one LayerNorm per layer feeding attention and MLP in
 * parallel ({@code x + attention + mlp}), biased q/k/v, partial rotary embedding over the first
 * {@code int(partial_rotary_factor · d)} dims of each head, {@code dense} output with bias, tanh GELU
 * MLP, final LayerNorm, untied head with a bias. Optional per-head LayerNorms on q and k
 * ({@code qk_layernorm}).
 */
final class PhiModel extends DecoderModel {

    private record Block(Weight normWeight, Weight normBias, Weight qWeight, Weight qBias, Weight kWeight,
                         Weight kBias, Weight vWeight, Weight vBias, Weight qNormWeight, Weight qNormBias,
                         Weight kNormWeight, Weight kNormBias, Weight denseWeight, Weight denseBias,
                         Weight fc1Weight, Weight fc1Bias, Weight fc2Weight, Weight fc2Bias) {
    }

    private final PhiConfig config;
    private final RotaryEmbedding rotary;
    private final Weight embedding;        // [V, E]
    private final Block[] blocks;
    private final Weight finalNormWeight;  // [E]
    private final Weight finalNormBias;    // [E]
    private final Weight head;             // [V, E]
    private final Weight headBias;         // [V]

    private PhiModel(NDManager root, WideningArena arena, ModelInfo info, PhiConfig config, Weight embedding,
                     Block[] blocks, Weight finalNormWeight, Weight finalNormBias, Weight head, Weight headBias) {
        super(root, arena, info, config.layers(), 0);
        this.config = config;
        this.rotary = new RotaryEmbedding(config.rotaryDim(), config.ropeTheta(), config.ropeScaling(),
                config.maxPositionEmbeddings());
        this.embedding = embedding;
        this.blocks = blocks;
        this.finalNormWeight = finalNormWeight;
        this.finalNormBias = finalNormBias;
        this.head = head;
        this.headBias = headBias;
    }

    /**
     * Reads the weights.
     *
     * @param config the configuration
     * @param reader the weight reader (prefix {@code model.})
     * @param root the model's manager
     * @param architecture the config's architecture name
     */
    static PhiModel load(PhiConfig config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        long d = config.headDim();
        long qRows = config.heads() * d;
        long kvRows = config.kvHeads() * d;
        long inner = config.intermediateSize();
        boolean qkNorm = config.qkLayerNorm();
        Weight embedding = reader.base("embed_tokens.weight", config.vocabSize(), e);
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "layers." + l + ".";
            String a = p + "self_attn.";
            blocks[l] = new Block(
                    reader.base(p + "input_layernorm.weight", e), reader.base(p + "input_layernorm.bias", e),
                    reader.base(a + "q_proj.weight", qRows, e), reader.base(a + "q_proj.bias", qRows),
                    reader.base(a + "k_proj.weight", kvRows, e), reader.base(a + "k_proj.bias", kvRows),
                    reader.base(a + "v_proj.weight", kvRows, e), reader.base(a + "v_proj.bias", kvRows),
                    qkNorm ? reader.base(a + "q_layernorm.weight", d) : null,
                    qkNorm ? reader.base(a + "q_layernorm.bias", d) : null,
                    qkNorm ? reader.base(a + "k_layernorm.weight", d) : null,
                    qkNorm ? reader.base(a + "k_layernorm.bias", d) : null,
                    reader.base(a + "dense.weight", e, qRows), reader.base(a + "dense.bias", e),
                    reader.base(p + "mlp.fc1.weight", inner, e), reader.base(p + "mlp.fc1.bias", inner),
                    reader.base(p + "mlp.fc2.weight", e, inner), reader.base(p + "mlp.fc2.bias", e));
        }
        Weight normWeight = reader.base("final_layernorm.weight", e);
        Weight normBias = reader.base("final_layernorm.bias", e);
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), embedding, config.vocabSize(), e);
        // transformers' PhiForCausalLM always has a biased lm_head, tied or not.
        Weight headBias = reader.optionalHead("lm_head.bias", config.vocabSize()).orElse(null);
        if (headBias == null) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED,
                    "The Phi checkpoint has no 'lm_head.bias' (PhiForCausalLM's output layer has a bias)");
        }
        ModelInfo info = new ModelInfo(architecture, ModelFamily.PHI.modelType(),
                config.vocabSize(), config.maxPositionEmbeddings(), 0,
                false, reader.parameterCount());
        return new PhiModel(root, reader.arena(), info, config, embedding, blocks, normWeight, normBias, head, headBias);
    }

    @Override
    Weight head() {
        return head;
    }

    @Override
    Weight headBias() {
        return headBias;
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        // 1. token embedding (positions enter through the rotary tables)
        NDArray x = TensorOps.embedding(ids, embedding);                                    // [n, E]
        NDArray[] rope = rotary.tables(step, positions);                                    // 2 x [n, 1, R]
        for (int l = 0; l < blocks.length; l++) {
            int layer = l;
            x = inLayerScope(step, x, (scope, input) -> block(scope, cache, layer, input, rope, mask));
        }
        // 5. final LayerNorm (the caller applies the biased head)
        return TensorOps.layerNorm(x, finalNormWeight, finalNormBias, config.layerNormEps());    // [n, E]
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray[] rope, NDArray mask) {
        long n = x.getShape().get(0);
        int heads = config.heads();
        int kvHeads = config.kvHeads();
        int headDim = config.headDim();
        double eps = config.layerNormEps();
        Block b = blocks[l];
        // 2. one LayerNorm feeds both branches
        NDArray h = TensorOps.layerNorm(x, b.normWeight(), b.normBias(), eps);                  // [n, E]
        NDArray q = TensorOps.linear(h, b.qWeight(), b.qBias()).reshape(n, heads, headDim);     // [n, H, d]
        NDArray k = TensorOps.linear(h, b.kWeight(), b.kBias()).reshape(n, kvHeads, headDim);   // [n, Hkv, d]
        NDArray v = TensorOps.linear(h, b.vWeight(), b.vBias()).reshape(n, kvHeads, headDim);   // [n, Hkv, d]
        if (config.qkLayerNorm()) {
            q = TensorOps.layerNorm(q, b.qNormWeight(), b.qNormBias(), eps);
            k = TensorOps.layerNorm(k, b.kNormWeight(), b.kNormBias(), eps);
        }
        // 3. partial rotary embedding on q and k
        q = rotary.apply(q, rope).transpose(1, 0, 2);                                         // [H, n, d]
        k = rotary.apply(k, rope).transpose(1, 0, 2);                                         // [Hkv, n, d]
        NDArray[] kv = cache.append(l, k, v.transpose(1, 0, 2), scope);                        // 2 x [Hkv, L, d]
        NDArray attended = TensorOps.attention(q, kv[0], kv[1], mask, Math.sqrt(headDim));    // [n, H·d]
        NDArray a = TensorOps.linear(attended, b.denseWeight(), b.denseBias());              // [n, E]
        // 4. MLP on the same normed input; parallel residual x + attention + mlp
        NDArray m = config.activation().apply(TensorOps.linear(h, b.fc1Weight(), b.fc1Bias()));    // [n, I]
        m = TensorOps.linear(m, b.fc2Weight(), b.fc2Bias());                                   // [n, E]
        return a.add(m).add(x);                                                                // [n, E]
    }
}
