package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@code GPTNeoForCausalLM}: GPT-2's block with separate unbiased q/k/v projections, attention scores
 * <b>not</b> divided by {@code sqrt(d)}, and layers alternating global and local attention
 * ({@code attention_types}); a local layer's query sees itself and the {@code window_size - 1} keys
 * before it, inside whatever window the context policy sets. Learned positions, tanh GELU, tied head.
 */
final class GptNeoModel extends DecoderModel {

    private record Block(LayerNorm ln1, QkvProjections qkv, Linear out, LayerNorm ln2, Mlp mlp) {
    }

    private final GptNeoConfig config;
    private final LearnedEmbeddings embeddings;   // [V, E] and [P, E]
    private final Block[] blocks;
    private final LayerNorm finalNorm;            // [E]

    private GptNeoModel(NDManager root, WideningArena arena, ModelInfo info, GptNeoConfig config,
                        LearnedEmbeddings embeddings, Block[] blocks, LayerNorm finalNorm, Weight head) {
        super(root, arena, info, config.layers(), 0, head);
        this.config = config;
        this.embeddings = embeddings;
        this.blocks = blocks;
        this.finalNorm = finalNorm;
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
        PositionTable wpe = PositionTable.read(reader, "wpe.weight", config.maxPositionEmbeddings(), 0, e);
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "h." + l + ".";
            String a = p + "attn.attention.";
            blocks[l] = new Block(
                    LayerNorm.read(reader, p + "ln_1", e),
                    QkvProjections.read(reader, a, false, e, e, e),
                    Linear.read(reader, a + "out_proj", true, e, e),
                    LayerNorm.read(reader, p + "ln_2", e),
                    Mlp.read(reader, p + "mlp.c_fc", p + "mlp.c_proj", true, inner, e));
        }
        LayerNorm finalNorm = LayerNorm.read(reader, "ln_f", e);
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), wte, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.GPT_NEO.modelType(),
                config.vocabSize(), config.maxPositionEmbeddings(), 0,
                true, reader.parameterCount());
        return new GptNeoModel(root, reader.arena(), info, config, new LearnedEmbeddings(wte, wpe), blocks, finalNorm,
                head);
    }

    /** {@inheritDoc} False: its local layers narrow the mask by key index. */
    @Override
    boolean masksByPositionOnly() {
        return false;
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        // 1. token embedding plus the learned position row of each token
        NDArray x = embeddings.embed(step, ids, positions);                                      // [n, E]
        // Local layers: the call's mask narrowed to the model's own window
        NDArray localMask = AttentionMasks.local(mask, config.windowSize());                    // [n, past + n]
        x = throughLayers(step, x, (scope, l, input) ->
                block(scope, cache, l, input, config.localLayers()[l] ? localMask : mask));    // [n, E]
        // 4. final LayerNorm (the caller applies the tied head)
        return finalNorm.apply(x, config.layerNormEps());                                       // [n, E]
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray mask) {
        int heads = config.heads();
        double eps = config.layerNormEps();
        Block b = blocks[l];
        // 2. attention on the first LayerNorm: unbiased q, k, v; scores are NOT divided by sqrt(d)
        NDArray[] qkv = b.qkv().perHead(b.ln1().apply(x, eps), heads, heads, config.headDim());  // 3 x [H, n, d]
        NDArray attended = Attention.overCache(scope, cache, l, qkv[0], qkv[1], qkv[2], mask, 1.0);  // [n, E]
        x = b.out().apply(attended, Epilogue.PLUS, x);                                            // [n, E]
        // 3. MLP on the second LayerNorm, residual add
        NDArray m = b.ln2().apply(x, eps);                                                       // [n, E]
        return b.mlp().apply(m, config.activation(), x);                                          // [n, E]
    }
}
