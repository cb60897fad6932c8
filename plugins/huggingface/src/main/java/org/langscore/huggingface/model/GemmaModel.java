package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@code GemmaForCausalLM} (Gemma 1): embeddings multiplied by {@code sqrt(hidden_size)}, RMSNorm scaling
 * by {@code (1 + w)}, separate q/k/v projections with a {@code head_dim} of their own, multi-query or
 * grouped-query attention, full-width rotary embedding, GeGLU MLP (tanh GELU gate), tied head.
 */
final class GemmaModel extends RotaryDecoderModel {

    private final GemmaConfig config;
    private final LlamaBlock[] blocks;
    private final Weight finalNorm;   // [E]

    private GemmaModel(NDManager root, WideningArena arena, ModelInfo info, GemmaConfig config, Weight embedding,
                       LlamaBlock[] blocks, Weight finalNorm, Weight head) {
        super(root, arena, info, config.layers(), 0, embedding, head, new RotaryEmbedding(config.headDim(),
                config.ropeTheta(), RopeScaling.NONE, config.maxPositionEmbeddings()));
        this.config = config;
        this.blocks = blocks;
        this.finalNorm = finalNorm;
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
        boolean bias = config.attentionBias();
        Weight embedding = reader.base("embed_tokens.weight", config.vocabSize(), e);
        LlamaBlock[] blocks = new LlamaBlock[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            // Llama's layer layout; the MLP has no biases
            blocks[l] = LlamaBlock.read(reader, "layers." + l + ".", e, qRows, kvRows, config.intermediateSize(),
                    bias, bias, false);
        }
        Weight norm = reader.base("norm.weight", e);
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), embedding, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.GEMMA.modelType(),
                config.vocabSize(), config.maxPositionEmbeddings(), 0,
                false, reader.parameterCount());
        return new GemmaModel(root, reader.arena(), info, config, embedding, blocks, norm, head);
    }

    /** The token embeddings times sqrt(hidden_size) (rounded to float32). */
    @Override
    NDArray scaleEmbedding(NDArray tokens) {
        return tokens.mul(config.embeddingScale());                                          // [n, E]
    }

    /** One decoder layer: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    @Override
    NDArray layer(LayerCall call, NDArray x) {
        double eps = config.rmsNormEps();
        LlamaBlock b = blocks[call.layer()];
        // a. RMSNorm (1 + w), separate q, k, v projections of head_dim each
        NDArray h = NormVariants.gemmaRmsNorm(x, b.inputNorm(), eps);                            // [n, E]
        NDArray[] qkv = b.qkv().perToken(h, config.heads(), config.kvHeads(), config.headDim());  // [n, H|Hkv, d]
        // b. attention with rotary q and k, scaled by 1/sqrt(head_dim), output projection, residual add
        NDArray attended = attend(call, qkv[0], qkv[1], qkv[2]);                                // [n, H·d]
        x = b.o().apply(attended, Epilogue.PLUS, x);                                             // [n, E]
        // c. RMSNorm (1 + w), GeGLU MLP, residual add
        h = NormVariants.gemmaRmsNorm(x, b.postNorm(), eps);                                     // [n, E]
        return b.mlp().apply(h, config.activation(), x);                                         // [n, E]
    }

    /** The final RMSNorm with (1 + w) (the caller applies the tied head). */
    @Override
    NDArray applyFinalNorm(NDArray x) {
        return NormVariants.gemmaRmsNorm(x, finalNorm, config.rmsNormEps());                  // [n, E]
    }
}
