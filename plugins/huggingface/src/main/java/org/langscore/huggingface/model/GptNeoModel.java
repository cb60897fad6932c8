package org.langscore.huggingface.model;

import java.nio.LongBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@code GPTNeoForCausalLM}: GPT-2's block with separate unbiased q/k/v projections, attention scores
 * <b>not</b> divided by {@code sqrt(d)}, and layers alternating global and local attention
 * ({@code attention_types}); a local layer's query sees itself and the {@code window_size - 1} keys
 * before it, inside whatever window the context policy sets. Learned positions, tanh GELU, tied head.
 */
final class GptNeoModel extends DecoderModel {

    private record Block(Weight ln1Weight, Weight ln1Bias, Weight qWeight, Weight kWeight, Weight vWeight,
                         Weight outWeight, Weight outBias, Weight ln2Weight, Weight ln2Bias,
                         Weight fcWeight, Weight fcBias, Weight projWeight, Weight projBias) {
    }

    private final GptNeoConfig config;
    private final Weight tokenEmbedding;      // [V, E]
    private final Weight positionEmbedding;   // [P, E]
    private final Block[] blocks;
    private final Weight finalNormWeight;     // [E]
    private final Weight finalNormBias;       // [E]
    private final Weight head;                // [V, E]

    private GptNeoModel(NDManager root, WideningArena arena, ModelInfo info, GptNeoConfig config,
                        Weight tokenEmbedding, Weight positionEmbedding, Block[] blocks, Weight finalNormWeight,
                        Weight finalNormBias, Weight head) {
        super(root, arena, info, config.layers(), 0);
        this.config = config;
        this.tokenEmbedding = tokenEmbedding;
        this.positionEmbedding = positionEmbedding;
        this.blocks = blocks;
        this.finalNormWeight = finalNormWeight;
        this.finalNormBias = finalNormBias;
        this.head = head;
    }

    /**
     * Reads the weights.
     *
     * @param config the configuration
     * @param reader the weight reader (prefix {@code transformer.})
     * @param root the model's manager
     * @param architecture the config's architecture name
     */
    static GptNeoModel load(GptNeoConfig config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        long inner = config.innerSize();
        Weight wte = reader.base("wte.weight", config.vocabSize(), e);
        Weight wpe = reader.base("wpe.weight", config.maxPositionEmbeddings(), e);
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "h." + l + ".";
            String a = p + "attn.attention.";
            blocks[l] = new Block(
                    reader.base(p + "ln_1.weight", e), reader.base(p + "ln_1.bias", e),
                    reader.base(a + "q_proj.weight", e, e), reader.base(a + "k_proj.weight", e, e),
                    reader.base(a + "v_proj.weight", e, e),
                    reader.base(a + "out_proj.weight", e, e), reader.base(a + "out_proj.bias", e),
                    reader.base(p + "ln_2.weight", e), reader.base(p + "ln_2.bias", e),
                    reader.base(p + "mlp.c_fc.weight", inner, e), reader.base(p + "mlp.c_fc.bias", inner),
                    reader.base(p + "mlp.c_proj.weight", e, inner), reader.base(p + "mlp.c_proj.bias", e));
        }
        Weight lnfWeight = reader.base("ln_f.weight", e);
        Weight lnfBias = reader.base("ln_f.bias", e);
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), wte, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.GPT_NEO.modelType(),
                config.vocabSize(), config.maxPositionEmbeddings(), 0,
                true, reader.parameterCount());
        return new GptNeoModel(root, reader.arena(), info, config, wte, wpe, blocks, lnfWeight, lnfBias, head);
    }

    @Override
    void checkPositions(long[] positions) {
        for (long p : positions) {
            if (p >= config.maxPositionEmbeddings()) {
                throw positionError("Position " + p + " is beyond GPT-Neo's learned position table"
                        + " (max_position_embeddings " + config.maxPositionEmbeddings()
                        + "); use a context policy whose window is at most " + config.maxPositionEmbeddings());
            }
        }
    }

    @Override
    Weight head() {
        return head;
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        long n = positions.length;
        // 1. token embedding plus the learned position row of each token
        NDArray positionIds = step.create(LongBuffer.wrap(positions), new Shape(n));          // [n]
        NDArray x = TensorOps.embedding(ids, tokenEmbedding)                                    // [n, E]
                .add(TensorOps.embedding(positionIds, positionEmbedding));
        // Local layers: the call's mask narrowed to the model's own window
        NDArray localMask = AttentionMasks.local(mask, config.windowSize());                    // [n, past + n]
        for (int l = 0; l < blocks.length; l++) {
            int layer = l;
            NDArray layerMask = config.localLayers()[l] ? localMask : mask;
            x = inLayerScope(step, x, (scope, input) -> block(scope, cache, layer, input, layerMask));
        }
        // 4. final LayerNorm (the caller applies the tied head)
        return TensorOps.layerNorm(x, finalNormWeight, finalNormBias, config.layerNormEps());   // [n, E]
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray mask) {
        long n = x.getShape().get(0);
        int heads = config.heads();
        int headDim = config.headDim();
        double eps = config.layerNormEps();
        Block b = blocks[l];
        // 2. attention on the first LayerNorm: unbiased q, k, v; scores are NOT divided by sqrt(d)
        NDArray h = TensorOps.layerNorm(x, b.ln1Weight(), b.ln1Bias(), eps);                      // [n, E]
        NDArray q = TensorOps.linear(h, b.qWeight(), null).reshape(n, heads, headDim).transpose(1, 0, 2);
        NDArray k = TensorOps.linear(h, b.kWeight(), null).reshape(n, heads, headDim).transpose(1, 0, 2);
        NDArray v = TensorOps.linear(h, b.vWeight(), null).reshape(n, heads, headDim).transpose(1, 0, 2);
        NDArray[] kv = cache.append(l, k, v, scope);                                               // 2 x [H, L, d]
        NDArray attended = TensorOps.attention(q, kv[0], kv[1], mask, 1.0);                       // [n, E]
        x = x.add(TensorOps.linear(attended, b.outWeight(), b.outBias()));                        // [n, E]
        // 3. MLP on the second LayerNorm, residual add
        NDArray m = TensorOps.layerNorm(x, b.ln2Weight(), b.ln2Bias(), eps);                      // [n, E]
        m = config.activation().apply(TensorOps.linear(m, b.fcWeight(), b.fcBias()));            // [n, I]
        return x.add(TensorOps.linear(m, b.projWeight(), b.projBias()));                          // [n, E]
    }
}
