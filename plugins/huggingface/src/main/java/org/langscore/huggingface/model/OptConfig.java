package org.langscore.huggingface.model;

/**
 * The configuration of an {@code OPTForCausalLM}, with transformers' defaults.
 *
 * @param hiddenSize {@code hidden_size} ({@code E})
 * @param heads {@code num_attention_heads}
 * @param layers {@code num_hidden_layers}
 * @param ffnDim {@code ffn_dim} ({@code I})
 * @param maxPositionEmbeddings {@code max_position_embeddings}: the learned table has 2 more rows (OPT's offset)
 * @param wordEmbedProjDim {@code word_embed_proj_dim}: the embedding width; {@code project_in}/{@code project_out}
 *     map it to and from {@code E} when it differs
 * @param layerNormBefore {@code do_layer_norm_before}: pre-LN (true) or post-LN blocks (opt-350m)
 * @param finalLayerNorm the decoder has {@code final_layer_norm} (pre-LN and not {@code _remove_final_layer_norm})
 * @param elementwiseAffine {@code layer_norm_elementwise_affine}: LayerNorms have gains and biases
 * @param bias {@code enable_bias}: biases on the attention and MLP linears
 * @param activation {@code activation_function}
 * @param tieWordEmbeddings the head is {@code embed_tokens}
 * @param vocabSize {@code vocab_size}
 */
public record OptConfig(int hiddenSize, int heads, int layers, int ffnDim, int maxPositionEmbeddings,
                        int wordEmbedProjDim, boolean layerNormBefore, boolean finalLayerNorm,
                        boolean elementwiseAffine, boolean bias, Activation activation, boolean tieWordEmbeddings,
                        int vocabSize) {

    /** OPT's learned positions start at row 2 of {@code embed_positions}. */
    public static final int POSITION_OFFSET = 2;

    /** nn.LayerNorm's default: OPT's config has no epsilon key. */
    public static final double LAYER_NORM_EPS = 1e-5;

    public OptConfig {
        if (hiddenSize <= 0 || heads <= 0 || hiddenSize % heads != 0 || layers <= 0 || ffnDim <= 0
                || maxPositionEmbeddings <= 0 || wordEmbedProjDim <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException("Invalid OPT dimensions: hidden_size " + hiddenSize
                    + ", num_attention_heads " + heads + ", num_hidden_layers " + layers + ", ffn_dim " + ffnDim
                    + ", max_position_embeddings " + maxPositionEmbeddings + ", word_embed_proj_dim "
                    + wordEmbedProjDim + ", vocab_size " + vocabSize);
        }
    }

    /** @return {@code d = E / H} */
    public int headDim() {
        return hiddenSize / heads;
    }

    /** @return whether {@code project_in} and {@code project_out} exist */
    public boolean projects() {
        return wordEmbedProjDim != hiddenSize;
    }

    /**
     * @param config the config.json
     * @return the configuration
     */
    public static OptConfig from(ConfigJson config) {
        int hidden = config.integer(768, "hidden_size");
        boolean before = config.bool(true, "do_layer_norm_before");
        try {
            return new OptConfig(hidden,
                    config.integer(12, "num_attention_heads"),
                    config.integer(12, "num_hidden_layers"),
                    config.integer(3072, "ffn_dim"),
                    config.integer(2048, "max_position_embeddings"),
                    config.integer(hidden, "word_embed_proj_dim"),
                    before,
                    before && !config.bool(false, "_remove_final_layer_norm"),
                    config.bool(true, "layer_norm_elementwise_affine"),
                    config.bool(true, "enable_bias"),
                    Activation.fromConfig(config, "activation_function", config.string("relu", "activation_function")),
                    config.bool(true, "tie_word_embeddings"),
                    config.integer(50272, "vocab_size"));
        } catch (IllegalArgumentException e) {
            throw config.invalid("hidden_size", "and the other dimensions are inconsistent: " + e.getMessage());
        }
    }
}
