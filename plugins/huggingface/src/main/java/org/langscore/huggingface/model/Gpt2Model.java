package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@code GPT2LMHeadModel} (gpt2, distilgpt2): learned absolute positions, pre-LayerNorm blocks, fused
 * Conv1D q/k/v projection split in column blocks, tanh GELU, tied head.
 */
final class Gpt2Model extends DecoderModel {

    private final Gpt2Config config;
    private final LearnedEmbeddings embeddings;   // [V, E] and [P, E]
    private final Gpt2Block[] blocks;
    private final LayerNorm finalNorm;        // [E]

    private Gpt2Model(NDManager root, WideningArena arena, ModelInfo info, Gpt2Config config,
                      LearnedEmbeddings embeddings, Gpt2Block[] blocks, LayerNorm finalNorm, Weight head) {
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
    static Gpt2Model load(Gpt2Config config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        Weight wte = reader.base("wte.weight", config.vocabSize(), e);
        PositionTable wpe = PositionTable.read(reader, "wpe.weight", config.positions(), 0, e);
        Gpt2Block[] blocks = new Gpt2Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            blocks[l] = Gpt2Block.read(reader, "h." + l + ".", e, config.innerSize());
        }
        LayerNorm finalNorm = LayerNorm.read(reader, "ln_f", e);
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), wte, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.GPT2.modelType(),
                config.vocabSize(), config.positions(), 0, true,
                reader.parameterCount());
        return new Gpt2Model(root, reader.arena(), info, config, new LearnedEmbeddings(wte, wpe), blocks, finalNorm,
                head);
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        // 1. token embedding plus the learned position row of each token
        NDArray x = embeddings.embed(step, ids, positions);                                     // [n, E]
        x = throughLayers(step, x, (scope, l, input) -> block(scope, cache, l, input, mask));         // [n, E]
        // 5. final LayerNorm (the caller applies the tied head)
        return finalNorm.apply(x, config.layerNormEps());                                       // [n, E]
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray mask) {
        int headDim = config.headDim();
        double eps = config.layerNormEps();
        Gpt2Block b = blocks[l];
        // 2. attention on the first LayerNorm; q, k, v are column blocks of the fused projection
        NDArray h = b.ln1().apply(x, eps);                                                     // [n, E]
        NDArray[] qkv = Attention.columnBlocks(b.qkv().apply(h), config.heads(), headDim);     // 3 x [H, n, d]
        double divisor = (config.scaleAttnWeights() ? Math.sqrt(headDim) : 1.0)
                * (config.scaleAttnByInverseLayerIdx() ? l + 1 : 1);
        NDArray attended = Attention.overCache(scope, cache, l, qkv[0], qkv[1], qkv[2], mask, divisor);    // [n, E]
        // 3. residual add of the output projection
        x = b.attnOut().apply(attended, Epilogue.PLUS, x);                                      // [n, E]
        // 4. MLP on the second LayerNorm, residual add
        NDArray m = b.ln2().apply(x, eps);                                                     // [n, E]
        return b.mlp().apply(m, config.activation(), x);                                        // [n, E]
    }
}
