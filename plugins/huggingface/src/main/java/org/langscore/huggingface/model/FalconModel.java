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
final class FalconModel extends RotaryDecoderModel {

    /** One layer's weights; {@code mlpNorm} is null where attention and MLP share {@code attnNorm}. */
    private record Block(LayerNorm attnNorm, LayerNorm mlpNorm, Linear qkv, Linear dense, Mlp mlp) {
    }

    private final FalconConfig config;
    private final Block[] blocks;
    private final LayerNorm finalNorm;     // [E]

    private FalconModel(NDManager root, WideningArena arena, ModelInfo info, FalconConfig config, Weight embedding,
                        Block[] blocks, LayerNorm finalNorm, Weight head) {
        super(root, arena, info, config.layers(), 0, embedding, head, new RotaryEmbedding(config.headDim(),
                config.ropeTheta(), config.ropeScaling(), config.maxPositionEmbeddings()));
        this.config = config;
        this.blocks = blocks;
        this.finalNorm = finalNorm;
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
            LayerNorm attnNorm;
            LayerNorm mlpNorm;
            if (config.newDecoderArchitecture()) {
                attnNorm = LayerNorm.read(reader, p + "ln_attn", e);
                mlpNorm = LayerNorm.read(reader, p + "ln_mlp", e);
            } else {
                attnNorm = LayerNorm.read(reader, p + "input_layernorm", e);
                mlpNorm = config.parallelAttention() ? null : LayerNorm.read(reader, p + "post_attention_layernorm", e);
            }
            blocks[l] = new Block(attnNorm, mlpNorm,
                    Linear.read(reader, p + "self_attention.query_key_value", bias, fused, e),
                    Linear.read(reader, p + "self_attention.dense", bias, e, e),
                    Mlp.read(reader, p + "mlp.dense_h_to_4h", p + "mlp.dense_4h_to_h", bias, inner, e));
        }
        LayerNorm finalNorm = LayerNorm.read(reader, "ln_f", e);
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), embedding, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.FALCON.modelType(),
                config.vocabSize(), config.maxPositionEmbeddings(), 0,
                false, reader.parameterCount());
        return new FalconModel(root, reader.arena(), info, config, embedding, blocks, finalNorm, head);
    }

    /** One decoder layer: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    @Override
    NDArray layer(LayerCall call, NDArray x) {
        double eps = config.layerNormEps();
        Block b = blocks[call.layer()];
        // a. the LayerNorm(s): two in the new architecture, one shared otherwise
        NDArray attnIn = b.attnNorm().apply(x, eps);                                           // [n, E]
        NDArray mlpIn = config.newDecoderArchitecture() ? b.mlpNorm().apply(x, eps) : attnIn;  // [n, E]
        // b. fused projection split by the layout, rotary attention, output projection
        NDArray fused = b.qkv().apply(attnIn);                                                 // [n, (H+2Hkv)·d]
        NDArray[] qkv = split(fused, config.heads(), config.kvHeads(), config.headDim());     // [n, H|Hkv, d]
        NDArray attended = attend(call, qkv[0], qkv[1], qkv[2]);                               // [n, H·d]
        // c. residual: parallel (x + (mlp + attention)) or sequential
        if (config.newDecoderArchitecture() || config.parallelAttention()) {
            NDArray a = b.dense().apply(attended);                                             // [n, E]
            return x.add(b.mlp().apply(mlpIn, config.activation()).add(a));                    // [n, E]
        }
        x = b.dense().apply(attended, Epilogue.PLUS, x);                                       // [n, E]
        return b.mlp().apply(b.mlpNorm().apply(x, eps), config.activation(), x);               // [n, E]
    }

    /** The final LayerNorm (the caller applies the tied head). */
    @Override
    NDArray applyFinalNorm(NDArray x) {
        return finalNorm.apply(x, config.layerNormEps());                                      // [n, E]
    }

    /** Splits the fused projection into q {@code [n, H, d]}, k and v {@code [n, Hkv, d]}. */
    private NDArray[] split(NDArray fused, int heads, int kvHeads, int headDim) {
        long n = fused.getShape().get(0);
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
}
