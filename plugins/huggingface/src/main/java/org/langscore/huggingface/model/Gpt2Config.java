package org.langscore.huggingface.model;

/**
 * The configuration of a {@code GPT2LMHeadModel}, with transformers' defaults.
 *
 * @param hiddenSize {@code n_embd}
 * @param heads {@code n_head}
 * @param layers {@code n_layer}
 * @param positions {@code n_positions}: rows of the learned position table
 * @param innerSize {@code n_inner}, default {@code 4 * n_embd}
 * @param activation {@code activation_function}
 * @param layerNormEps {@code layer_norm_epsilon}
 * @param vocabSize {@code vocab_size}
 * @param scaleAttnWeights divide scores by {@code sqrt(d)}
 * @param scaleAttnByInverseLayerIdx also divide by {@code layer + 1}
 * @param tieWordEmbeddings the head is {@code wte}
 */
public record Gpt2Config(int hiddenSize, int heads, int layers, int positions, int innerSize, Activation activation,
                         double layerNormEps, int vocabSize, boolean scaleAttnWeights,
                         boolean scaleAttnByInverseLayerIdx, boolean tieWordEmbeddings) {

    public Gpt2Config {
        if (hiddenSize <= 0 || heads <= 0 || hiddenSize % heads != 0 || layers <= 0 || positions <= 0
                || innerSize <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException("Invalid GPT-2 dimensions: n_embd " + hiddenSize + ", n_head " + heads
                    + ", n_layer " + layers + ", n_positions " + positions + ", n_inner " + innerSize + ", vocab_size "
                    + vocabSize);
        }
    }

    /** @return the head dimension {@code d = E / H} */
    public int headDim() {
        return hiddenSize / heads;
    }

    /**
     * @param config the config.json
     * @return the configuration
     */
    public static Gpt2Config from(ConfigJson config) {
        int hidden = config.integer(768, "n_embd", "hidden_size");
        try {
            return new Gpt2Config(hidden,
                    config.integer(12, "n_head", "num_attention_heads"),
                    config.integer(12, "n_layer", "num_hidden_layers"),
                    config.integer(1024, "n_positions", "max_position_embeddings"),
                    config.integer(4 * hidden, "n_inner"),
                    Activation.fromConfig(config, "activation_function", config.string("gelu_new", "activation_function")),
                    config.number(1e-5, "layer_norm_epsilon"),
                    config.integer(50257, "vocab_size"),
                    config.bool(true, "scale_attn_weights"),
                    config.bool(false, "scale_attn_by_inverse_layer_idx"),
                    config.bool(true, "tie_word_embeddings"));
        } catch (IllegalArgumentException e) {
            throw config.invalid("n_embd", "and the other dimensions are inconsistent: " + e.getMessage());
        }
    }
}
