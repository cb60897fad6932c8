package org.langscore.huggingface.model;

import java.util.EnumSet;

/**
 * The configuration of a {@code PhiForCausalLM} (Phi-1, Phi-1.5, Phi-2), with transformers' defaults.
 *
 * @param hiddenSize {@code hidden_size}
 * @param heads {@code num_attention_heads}
 * @param kvHeads {@code num_key_value_heads}, default {@code H}
 * @param layers {@code num_hidden_layers}
 * @param intermediateSize {@code intermediate_size}
 * @param activation {@code hidden_act}
 * @param layerNormEps {@code layer_norm_eps}
 * @param rotaryDim {@code int(partial_rotary_factor · d)}: rotary width, the rest of each head passes through
 * @param ropeTheta {@code rope_theta}
 * @param ropeScaling {@code rope_scaling} ({@code linear} or {@code dynamic})
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param qkLayerNorm {@code qk_layernorm}: LayerNorms on each query and key head
 * @param tieWordEmbeddings the head is {@code embed_tokens}
 * @param vocabSize {@code vocab_size}
 */
public record PhiConfig(int hiddenSize, int heads, int kvHeads, int layers, int intermediateSize,
                        Activation activation, double layerNormEps, int rotaryDim, double ropeTheta,
                        RopeScaling ropeScaling, int maxPositionEmbeddings, boolean qkLayerNorm,
                        boolean tieWordEmbeddings, int vocabSize) {

    public PhiConfig {
        if (hiddenSize <= 0 || heads <= 0 || hiddenSize % heads != 0 || kvHeads <= 0 || heads % kvHeads != 0
                || layers <= 0 || intermediateSize <= 0 || rotaryDim <= 0 || rotaryDim % 2 != 0
                || rotaryDim > hiddenSize / heads || vocabSize <= 0) {
            throw new IllegalArgumentException("Invalid Phi dimensions: hidden_size " + hiddenSize
                    + ", num_attention_heads " + heads + ", num_key_value_heads " + kvHeads + ", num_hidden_layers "
                    + layers + ", intermediate_size " + intermediateSize
                    + ", rotary dim (partial_rotary_factor · head dim, must be even) " + rotaryDim + ", vocab_size "
                    + vocabSize);
        }
    }

    /** @return {@code d = E / H} */
    public int headDim() {
        return hiddenSize / heads;
    }

    /**
     * @param config the config.json
     * @return the configuration
     */
    public static PhiConfig from(ConfigJson config) {
        int hidden = config.integer(2048, "hidden_size");
        int heads = config.integer(32, "num_attention_heads");
        int headDim = hidden / Math.max(heads, 1);
        try {
            return new PhiConfig(hidden, heads,
                    config.integer(heads, "num_key_value_heads"),
                    config.integer(24, "num_hidden_layers"),
                    config.integer(8192, "intermediate_size"),
                    Activation.fromConfig(config, "hidden_act", config.string("gelu_new", "hidden_act")),
                    config.number(1e-5, "layer_norm_eps"),
                    (int) (config.number(0.5, "partial_rotary_factor") * headDim),
                    config.number(10000.0, "rope_theta"),
                    RopeScaling.fromConfig(config, EnumSet.of(RopeScaling.Type.LINEAR, RopeScaling.Type.DYNAMIC)),
                    config.integer(2048, "max_position_embeddings"),
                    config.bool(false, "qk_layernorm"),
                    config.bool(false, "tie_word_embeddings"),
                    config.integer(51200, "vocab_size"));
        } catch (IllegalArgumentException e) {
            throw config.invalid("hidden_size", "and the other dimensions are inconsistent: " + e.getMessage());
        }
    }
}
