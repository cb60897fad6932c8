package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@code MptForCausalLM} / {@code MPTForCausalLM}: no position embedding but an ALiBi bias on the
 * attention scores ({@code alibi_bias_max}), a fused q/k/v projection split in column blocks, LayerNorms
 * without bias, no biases anywhere, exact GELU MLP of width {@code expansion_ratio · d_model}, tied head.
 * ALiBi depends only on key distances, so a cached key never needs moving.
 */
final class MptModel extends DecoderModel {

    private record Block(Weight norm1, Linear qkv, Linear out, Weight norm2, Mlp mlp) {
    }

    private final MptConfig config;
    private final float[] slopes;
    private final Weight embedding;   // [V, E]
    private final Block[] blocks;
    private final Weight finalNorm;   // [E]

    private MptModel(NDManager root, WideningArena arena, ModelInfo info, MptConfig config, Weight embedding,
                     Block[] blocks, Weight finalNorm) {
        // The head is always the input embedding: transformers ties it whatever the config says.
        super(root, arena, info, config.layers(), 0, embedding);
        this.config = config;
        this.slopes = AttentionMasks.alibiSlopes(config.heads(), config.alibiBiasMax());
        this.embedding = embedding;
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
    static MptModel load(MptConfig config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        long inner = config.innerSize();
        Weight embedding = reader.base("wte.weight", config.vocabSize(), e);
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "blocks." + l + ".";
            blocks[l] = new Block(
                    reader.base(p + "norm_1.weight", e),
                    Linear.read(reader, p + "attn.Wqkv", false, 3 * e, e),
                    Linear.read(reader, p + "attn.out_proj", false, e, e),
                    reader.base(p + "norm_2.weight", e),
                    Mlp.read(reader, p + "ffn.up_proj", p + "ffn.down_proj", false, inner, e));
        }
        Weight norm = reader.base("norm_f.weight", e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.MPT.modelType(),
                config.vocabSize(), config.maxSeqLen(), 0, false,
                reader.parameterCount());
        return new MptModel(root, reader.arena(), info, config, embedding, blocks, norm);
    }

    /** {@inheritDoc} False: ALiBi biases the scores by key index distance. */
    @Override
    boolean masksByPositionOnly() {
        return false;
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        // 1. token embedding; positions enter only through ALiBi's key distances
        NDArray x = TensorOps.embedding(ids, embedding);                                   // [n, E]
        NDArray biasedMask = AttentionMasks.alibi(mask, slopes);                          // [H, n, past + n]
        x = throughLayers(step, x, (scope, l, input) -> block(scope, cache, l, input, biasedMask));  // [n, E]
        // 4. final LayerNorm without bias (the caller applies the tied head)
        return NormVariants.layerNormWithoutBias(x, finalNorm, config.layerNormEps());     // [n, E]
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray biasedMask) {
        double eps = config.layerNormEps();
        Block b = blocks[l];
        // 2. attention on norm_1: q, k, v are column blocks of Wqkv; scores · softmax_scale + ALiBi
        NDArray h = NormVariants.layerNormWithoutBias(x, b.norm1(), eps);                     // [n, E]
        NDArray[] qkv = Attention.columnBlocks(b.qkv().apply(h), config.heads(), config.headDim());  // 3 x [H, n, d]
        NDArray attended = Attention.overCache(scope, cache, l, qkv[0], qkv[1], qkv[2], biasedMask,
                1.0 / config.softmaxScale());                                               // [n, E]
        x = b.out().apply(attended, Epilogue.PLUS, x);                                      // [n, E]
        // 3. exact-GELU MLP on norm_2, residual add
        NDArray m = NormVariants.layerNormWithoutBias(x, b.norm2(), eps);                     // [n, E]
        return b.mlp().apply(m, Activation.GELU_ERF, x);                                    // [n, E]
    }
}
