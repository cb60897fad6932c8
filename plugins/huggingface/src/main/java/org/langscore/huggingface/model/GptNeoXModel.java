package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * {@code GPTNeoXForCausalLM} (Pythia): LayerNorm, fused q/k/v projection interleaved per head
 * ({@code [H, 3, d]}), partial rotary embedding over the first {@code R} dims, parallel residual
 * (attention and MLP read the same input), exact GELU, untied {@code embed_out} head.
 */
final class GptNeoXModel extends RotaryDecoderModel {

    private record Block(LayerNorm inputNorm, Linear qkv, Linear dense, LayerNorm postNorm, Mlp mlp) {
    }

    private final GptNeoXConfig config;
    private final Block[] blocks;
    private final LayerNorm finalNorm;     // [E]

    private GptNeoXModel(NDManager root, WideningArena arena, ModelInfo info, GptNeoXConfig config, Weight embedding,
                         Block[] blocks, LayerNorm finalNorm, Weight head) {
        super(root, arena, info, config.layers(), 0, embedding, head, new RotaryEmbedding(config.rotaryDim(),
                config.rotaryBase(), config.ropeScaling(), config.maxPositionEmbeddings()));
        this.config = config;
        this.blocks = blocks;
        this.finalNorm = finalNorm;
    }

    static GptNeoXModel load(GptNeoXConfig config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        long inner = config.intermediateSize();
        boolean bias = config.attentionBias();
        Weight embedding = reader.base("embed_in.weight", config.vocabSize(), e);
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "layers." + l + ".";
            blocks[l] = new Block(
                    LayerNorm.read(reader, p + "input_layernorm", e),
                    Linear.read(reader, p + "attention.query_key_value", bias, 3 * e, e),
                    Linear.read(reader, p + "attention.dense", bias, e, e),
                    LayerNorm.read(reader, p + "post_attention_layernorm", e),
                    Mlp.read(reader, p + "mlp.dense_h_to_4h", p + "mlp.dense_4h_to_h", true, inner, e));
        }
        LayerNorm finalNorm = LayerNorm.read(reader, "final_layer_norm", e);
        Weight head = reader.head("embed_out.weight", config.tieWordEmbeddings(), embedding, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.GPT_NEOX.modelType(),
                config.vocabSize(), config.maxPositionEmbeddings(), 0,
                false, reader.parameterCount());
        return new GptNeoXModel(root, reader.arena(), info, config, embedding, blocks, finalNorm, head);
    }

    /** One decoder layer: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    @Override
    NDArray layer(LayerCall call, NDArray x) {
        long n = x.getShape().get(0);
        double eps = config.layerNormEps();
        Block b = blocks[call.layer()];
        // a. LayerNorm, fused projection viewed per head as (q, k, v)
        NDArray qkv = b.qkv().apply(b.inputNorm().apply(x, eps))
                .reshape(n, config.heads(), 3, config.headDim());                         // [n, H, 3, d]
        NDArray q = qkv.get(new NDIndex(":, :, 0, :"));                                   // [n, H, d]
        NDArray k = qkv.get(new NDIndex(":, :, 1, :"));                                   // [n, H, d]
        NDArray v = qkv.get(new NDIndex(":, :, 2, :"));                                   // [n, H, d]
        // b. attention with partial rotary embedding (the first R dims of q and k), output projection
        NDArray attended = attend(call, q, k, v);                                         // [n, H·d]
        // c. MLP on the same input (parallel residual) or after the attention (sequential)
        if (config.parallelResidual()) {
            NDArray a = b.dense().apply(attended);                                        // [n, E]
            NDArray m = b.mlp().apply(b.postNorm().apply(x, eps), config.activation());   // [n, E]
            return m.add(a).add(x);                                                       // [n, E]
        }
        x = b.dense().apply(attended, Epilogue.PLUS, x);                                  // [n, E]
        return b.mlp().apply(b.postNorm().apply(x, eps), config.activation(), x);         // [n, E]
    }

    /** The final LayerNorm (the caller applies the embed_out head). */
    @Override
    NDArray applyFinalNorm(NDArray x) {
        return finalNorm.apply(x, config.layerNormEps());                                     // [n, E]
    }
}
