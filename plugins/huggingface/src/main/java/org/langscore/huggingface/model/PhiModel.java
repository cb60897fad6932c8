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
final class PhiModel extends RotaryDecoderModel {

    /** One layer's weights; {@code qNorm} and {@code kNorm} are null without {@code qk_layernorm}. */
    private record Block(LayerNorm norm, QkvProjections qkv, LayerNorm qNorm, LayerNorm kNorm, Linear dense,
                         Mlp mlp) {
    }

    private final PhiConfig config;
    private final Block[] blocks;
    private final LayerNorm finalNorm;     // [E]
    private final Weight headBias;         // [V]

    private PhiModel(NDManager root, WideningArena arena, ModelInfo info, PhiConfig config, Weight embedding,
                     Block[] blocks, LayerNorm finalNorm, Weight head, Weight headBias) {
        super(root, arena, info, config.layers(), 0, embedding, head, new RotaryEmbedding(config.rotaryDim(),
                config.ropeTheta(), config.ropeScaling(), config.maxPositionEmbeddings()));
        this.config = config;
        this.blocks = blocks;
        this.finalNorm = finalNorm;
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
                    LayerNorm.read(reader, p + "input_layernorm", e),
                    QkvProjections.read(reader, a, true, qRows, kvRows, e),
                    qkNorm ? LayerNorm.read(reader, a + "q_layernorm", d) : null,
                    qkNorm ? LayerNorm.read(reader, a + "k_layernorm", d) : null,
                    Linear.read(reader, a + "dense", true, e, qRows),
                    Mlp.read(reader, p + "mlp.fc1", p + "mlp.fc2", true, inner, e));
        }
        LayerNorm finalNorm = LayerNorm.read(reader, "final_layernorm", e);
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
        return new PhiModel(root, reader.arena(), info, config, embedding, blocks, finalNorm, head, headBias);
    }

    @Override
    Weight headBias() {
        return headBias;
    }

    /** One decoder layer: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    @Override
    NDArray layer(LayerCall call, NDArray x) {
        double eps = config.layerNormEps();
        Block b = blocks[call.layer()];
        // a. one LayerNorm feeds both branches; q, k, v (q and k optionally LayerNormed per head)
        NDArray h = b.norm().apply(x, eps);                                                     // [n, E]
        NDArray[] qkv = b.qkv().perToken(h, config.heads(), config.kvHeads(), config.headDim());
        NDArray q = qkv[0];                                                                     // [n, H, d]
        NDArray k = qkv[1];                                                                     // [n, Hkv, d]
        if (config.qkLayerNorm()) {
            q = b.qNorm().apply(q, eps);                                                        // [n, H, d]
            k = b.kNorm().apply(k, eps);                                                        // [n, Hkv, d]
        }
        // b. attention with partial rotary embedding on q and k, dense output projection
        NDArray a = b.dense().apply(attend(call, q, k, qkv[2]));                                // [n, E]
        // c. MLP on the same normed input; parallel residual x + attention + mlp
        NDArray m = b.mlp().apply(h, config.activation());                                      // [n, E]
        return a.add(m).add(x);                                                                 // [n, E]
    }

    /** The final LayerNorm (the caller applies the biased head). */
    @Override
    NDArray applyFinalNorm(NDArray x) {
        return finalNorm.apply(x, config.layerNormEps());                                   // [n, E]
    }
}
