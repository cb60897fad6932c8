package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@code LlamaForCausalLM}, {@code MistralForCausalLM} and {@code Qwen2ForCausalLM}: RMSNorm,
 * full-width rotary embedding, grouped-query attention with separate q/k/v projections (biased for
 * Qwen2), SwiGLU MLP. Mistral's {@code sliding_window} limits every token to itself and the
 * {@code W-1} keys before it (transformers 4.43+ rule).
 */
final class LlamaModel extends RotaryDecoderModel {

    private final LlamaConfig config;
    private final LlamaBlock[] blocks;
    private final Weight finalNorm;   // [E]

    private LlamaModel(NDManager root, WideningArena arena, ModelInfo info, LlamaConfig config, Weight embedding,
                       LlamaBlock[] blocks, Weight finalNorm, Weight head) {
        super(root, arena, info, config.layers(), config.slidingWindow(), embedding, head,
                new RotaryEmbedding(config.headDim(), config.ropeTheta(), config.ropeScaling(),
                        config.maxPositionEmbeddings()));
        this.config = config;
        this.blocks = blocks;
        this.finalNorm = finalNorm;
    }

    static LlamaModel load(LlamaConfig config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        long qRows = (long) config.heads() * config.headDim();
        long kvRows = (long) config.kvHeads() * config.headDim();
        Weight embedding = reader.base("embed_tokens.weight", config.vocabSize(), e);
        LlamaBlock[] blocks = new LlamaBlock[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            blocks[l] = LlamaBlock.read(reader, "layers." + l + ".", e, qRows, kvRows, config.intermediateSize(),
                    config.qkvBias(), config.outputBias(), config.mlpBias());
        }
        Weight norm = reader.base("norm.weight", e);
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), embedding, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, config.modelType(), config.vocabSize(),
                config.maxPositionEmbeddings(), config.slidingWindow(), false, reader.parameterCount());
        return new LlamaModel(root, reader.arena(), info, config, embedding, blocks, norm, head);
    }

    /** One decoder layer: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    @Override
    NDArray layer(LayerCall call, NDArray x) {
        double eps = config.rmsNormEps();
        LlamaBlock b = blocks[call.layer()];
        // a. RMSNorm, then separate q, k, v projections
        NDArray h = TensorOps.rmsNorm(x, b.inputNorm(), eps);                              // [n, E]
        NDArray[] qkv = b.qkv().perToken(h, config.heads(), config.kvHeads(), config.headDim());  // [n, H|Hkv, d]
        // b. grouped-query attention with rotary q and k, output projection, residual add
        NDArray attended = attend(call, qkv[0], qkv[1], qkv[2]);                           // [n, H·d]
        x = b.o().apply(attended, Epilogue.PLUS, x);                                       // [n, E]
        // c. RMSNorm, SwiGLU MLP, residual add
        h = TensorOps.rmsNorm(x, b.postNorm(), eps);                                       // [n, E]
        return b.mlp().apply(h, config.activation(), x);                                   // [n, E]
    }

    /** The final RMSNorm (the caller applies the head). */
    @Override
    NDArray applyFinalNorm(NDArray x) {
        return TensorOps.rmsNorm(x, finalNorm, config.rmsNormEps());                        // [n, E]
    }
}
