package org.langscore.huggingface.model;

import java.util.EnumSet;

/**
 * The configuration of a {@code GPTNeoXForCausalLM} (Pythia), with transformers' defaults.
 *
 * @param hiddenSize {@code E}
 * @param heads {@code H} (as many KV heads)
 * @param layers {@code L}
 * @param intermediateSize {@code I}
 * @param activation {@code hidden_act} (exact erf GELU by default)
 * @param rotaryDim {@code R = int(d * rotary_pct)}
 * @param rotaryBase {@code rotary_emb_base}
 * @param ropeScaling {@code rope_scaling}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param layerNormEps {@code layer_norm_eps}
 * @param parallelResidual {@code use_parallel_residual}
 * @param attentionBias biases on {@code query_key_value} and {@code dense}
 * @param tieWordEmbeddings the head is {@code embed_in}
 * @param vocabSize {@code V}
 */
public record GptNeoXConfig(int hiddenSize, int heads, int layers, int intermediateSize, Activation activation,
                            int rotaryDim, double rotaryBase, RopeScaling ropeScaling, int maxPositionEmbeddings,
                            double layerNormEps, boolean parallelResidual, boolean attentionBias,
                            boolean tieWordEmbeddings, int vocabSize) {

    public GptNeoXConfig {
        if (hiddenSize <= 0 || heads <= 0 || hiddenSize % heads != 0 || layers <= 0 || intermediateSize <= 0
                || rotaryDim <= 0 || rotaryDim % 2 != 0 || rotaryDim > hiddenSize / heads || vocabSize <= 0) {
            throw new IllegalArgumentException("Invalid dimensions: hidden_size " + hiddenSize + ", num_attention_heads "
                    + heads + ", num_hidden_layers " + layers + ", intermediate_size " + intermediateSize
                    + ", rotary dim " + rotaryDim + ", vocab_size " + vocabSize);
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
    public static GptNeoXConfig from(ConfigJson config) {
        int hidden = config.integer(6144, "hidden_size");
        int heads = config.integer(64, "num_attention_heads");
        int headDim = hidden / Math.max(heads, 1);
        int rotaryDim = (int) (headDim * config.number(0.25, "rotary_pct"));
        try {
            return new GptNeoXConfig(hidden, heads,
                    config.integer(44, "num_hidden_layers"),
                    config.integer(24576, "intermediate_size"),
                    Activation.fromConfig(config, "hidden_act", config.string("gelu", "hidden_act")),
                    rotaryDim,
                    config.number(10000, "rotary_emb_base"),
                    RopeScaling.fromConfig(config, EnumSet.of(RopeScaling.Type.LINEAR, RopeScaling.Type.DYNAMIC)),
                    config.integer(2048, "max_position_embeddings"),
                    config.number(1e-5, "layer_norm_eps"),
                    config.bool(true, "use_parallel_residual"),
                    config.bool(true, "attention_bias"),
                    config.bool(false, "tie_word_embeddings"),
                    config.integer(50432, "vocab_size"));
        } catch (IllegalArgumentException e) {
            throw config.invalid("hidden_size", "and the other dimensions are inconsistent: " + e.getMessage());
        }
    }
}
