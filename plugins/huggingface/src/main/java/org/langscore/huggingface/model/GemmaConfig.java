package org.langscore.huggingface.model;

/**
 * The configuration of a {@code GemmaForCausalLM} (Gemma 1), with transformers' defaults.
 *
 * @param hiddenSize {@code hidden_size}
 * @param heads {@code num_attention_heads}
 * @param kvHeads {@code num_key_value_heads}
 * @param headDim {@code head_dim}, independent of {@code hidden_size / heads}
 * @param layers {@code num_hidden_layers}
 * @param intermediateSize {@code intermediate_size}
 * @param activation {@code hidden_activation}; when absent tanh GELU whatever {@code hidden_act} says
 *     (transformers 4.39+ ignores {@code hidden_act}, whose {@code gelu} in gemma-2b's config was a mistake)
 * @param rmsNormEps {@code rms_norm_eps}
 * @param ropeTheta {@code rope_theta}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param attentionBias {@code attention_bias}: biases on q, k, v and o
 * @param tieWordEmbeddings the head is {@code embed_tokens}
 * @param vocabSize {@code vocab_size}
 */
public record GemmaConfig(int hiddenSize, int heads, int kvHeads, int headDim, int layers, int intermediateSize,
                          Activation activation, double rmsNormEps, double ropeTheta, int maxPositionEmbeddings,
                          boolean attentionBias, boolean tieWordEmbeddings, int vocabSize) {

    public GemmaConfig {
        if (hiddenSize <= 0 || heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0 || headDim <= 0 || headDim % 2 != 0
                || layers <= 0 || intermediateSize <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException("Invalid Gemma dimensions: hidden_size " + hiddenSize
                    + ", num_attention_heads " + heads + ", num_key_value_heads " + kvHeads + ", head_dim " + headDim
                    + ", num_hidden_layers " + layers + ", intermediate_size " + intermediateSize + ", vocab_size "
                    + vocabSize);
        }
    }

    /**
     * The factor of the embeddings, {@code sqrt(hidden_size)} rounded to float32 (the compute dtype), as
     * transformers builds it with {@code torch.tensor(hidden_size ** 0.5, dtype=hidden_states.dtype)}.
     *
     * @return the factor
     */
    public float embeddingScale() {
        return (float) Math.sqrt(hiddenSize);
    }

    /**
     * @param config the config.json
     * @return the configuration
     */
    public static GemmaConfig from(ConfigJson config) {
        if (config.object("rope_scaling").isPresent()) {
            throw config.invalid("rope_scaling", "is set; Gemma has no RoPE scaling in transformers 4.40");
        }
        int heads = config.integer(16, "num_attention_heads");
        try {
            return new GemmaConfig(config.integer(3072, "hidden_size"), heads,
                    config.integer(16, "num_key_value_heads"),
                    config.integer(256, "head_dim"),
                    config.integer(28, "num_hidden_layers"),
                    config.integer(24576, "intermediate_size"),
                    Activation.fromConfig(config, "hidden_activation",
                            config.string("gelu_pytorch_tanh", "hidden_activation")),
                    config.number(1e-6, "rms_norm_eps"),
                    config.number(10000.0, "rope_theta"),
                    config.integer(8192, "max_position_embeddings"),
                    config.bool(false, "attention_bias"),
                    config.bool(true, "tie_word_embeddings"),
                    config.integer(256000, "vocab_size"));
        } catch (IllegalArgumentException e) {
            throw config.invalid("hidden_size", "and the other dimensions are inconsistent: " + e.getMessage());
        }
    }
}
