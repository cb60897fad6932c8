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

    private record Block(Weight norm1, Weight qkvWeight, Weight outWeight, Weight norm2, Weight upWeight,
                         Weight downWeight) {
    }

    private final MptConfig config;
    private final float[] slopes;
    private final Weight embedding;   // [V, E]
    private final Block[] blocks;
    private final Weight finalNorm;   // [E]

    private MptModel(NDManager root, WideningArena arena, ModelInfo info, MptConfig config, Weight embedding,
                     Block[] blocks, Weight finalNorm) {
        super(root, arena, info, config.layers(), 0);
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
                    reader.base(p + "attn.Wqkv.weight", 3 * e, e),
                    reader.base(p + "attn.out_proj.weight", e, e),
                    reader.base(p + "norm_2.weight", e),
                    reader.base(p + "ffn.up_proj.weight", inner, e),
                    reader.base(p + "ffn.down_proj.weight", e, inner));
        }
        Weight norm = reader.base("norm_f.weight", e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.MPT.modelType(),
                config.vocabSize(), config.maxSeqLen(), 0, false,
                reader.parameterCount());
        return new MptModel(root, reader.arena(), info, config, embedding, blocks, norm);
    }

    /** The head is always the input embedding: transformers ties it whatever the config says. */
    @Override
    Weight head() {
        return embedding;
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        // 1. token embedding; positions enter only through ALiBi's key distances
        NDArray x = TensorOps.embedding(ids, embedding);                                   // [n, E]
        NDArray biasedMask = AttentionMasks.alibi(mask, slopes);                          // [H, n, past + n]
        for (int l = 0; l < blocks.length; l++) {
            int layer = l;
            x = inLayerScope(step, x, (scope, input) -> block(scope, cache, layer, input, biasedMask));
        }
        // 4. final LayerNorm without bias (the caller applies the tied head)
        return NormVariants.layerNormWithoutBias(x, finalNorm, config.layerNormEps());     // [n, E]
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray biasedMask) {
        long n = x.getShape().get(0);
        int heads = config.heads();
        int headDim = config.headDim();
        double eps = config.layerNormEps();
        Block b = blocks[l];
        // 2. attention on norm_1: q, k, v are column blocks of Wqkv; scores · softmax_scale + ALiBi
        NDArray h = NormVariants.layerNormWithoutBias(x, b.norm1(), eps);                     // [n, E]
        ai.djl.ndarray.NDList qkv = TensorOps.linear(h, b.qkvWeight(), null).split(3, 1);     // 3 x [n, E]
        NDArray q = qkv.get(0).reshape(n, heads, headDim).transpose(1, 0, 2);                // [H, n, d]
        NDArray k = qkv.get(1).reshape(n, heads, headDim).transpose(1, 0, 2);                // [H, n, d]
        NDArray v = qkv.get(2).reshape(n, heads, headDim).transpose(1, 0, 2);                // [H, n, d]
        NDArray[] kv = cache.append(l, k, v, scope);                                        // 2 x [H, L, d]
        NDArray attended = TensorOps.attention(q, kv[0], kv[1], biasedMask, 1.0 / config.softmaxScale());  // [n, E]
        x = x.add(TensorOps.linear(attended, b.outWeight(), null));                         // [n, E]
        // 3. exact-GELU MLP on norm_2, residual add
        NDArray m = NormVariants.layerNormWithoutBias(x, b.norm2(), eps);                     // [n, E]
        m = Activation.GELU_ERF.apply(TensorOps.linear(m, b.upWeight(), null));              // [n, I]
        return x.add(TensorOps.linear(m, b.downWeight(), null));                             // [n, E]
    }
}
