package org.langscore.huggingface.model;

import java.util.EnumSet;

/**
 * The configuration of a {@code FalconForCausalLM}, with transformers' defaults.
 *
 * @param hiddenSize {@code E}
 * @param heads {@code H}
 * @param kvHeads {@code Hkv}: {@code num_kv_heads} for the new architecture, 1 for multi-query, else {@code H}
 * @param layout how the fused {@code query_key_value} rows are laid out
 * @param layers {@code L}
 * @param parallelAttention attention and MLP read the same normed input
 * @param bias biases on all four linears
 * @param layerNormEps {@code layer_norm_epsilon}
 * @param ropeTheta {@code rope_theta}
 * @param ropeScaling {@code rope_scaling}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param ffnHiddenSize {@code I}
 * @param activation {@code activation} (exact erf GELU by default)
 * @param tieWordEmbeddings the head is {@code word_embeddings}
 * @param vocabSize {@code V}
 */
public record FalconConfig(int hiddenSize, int heads, int kvHeads, QkvLayout layout, int layers,
                           boolean parallelAttention, boolean bias, double layerNormEps, double ropeTheta,
                           RopeScaling ropeScaling, int maxPositionEmbeddings, int ffnHiddenSize, Activation activation,
                           boolean tieWordEmbeddings, int vocabSize) {

    /** The row layout of the fused q/k/v projection. */
    public enum QkvLayout {
        /** {@code new_decoder_architecture}: per KV group, its {@code H/Hkv} queries, then its key, then its value. */
        GROUPED,
        /** {@code multi_query} (Falcon-7B): all {@code H} queries, then the one key, then the one value. */
        MULTI_QUERY,
        /** Neither flag: {@code [H, 3, d]} interleaved per head. */
        PER_HEAD
    }

    public FalconConfig {
        if (hiddenSize <= 0 || heads <= 0 || hiddenSize % heads != 0 || kvHeads <= 0 || heads % kvHeads != 0
                || (hiddenSize / heads) % 2 != 0 || layers <= 0 || ffnHiddenSize <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException("Invalid dimensions: hidden_size " + hiddenSize + ", num_attention_heads "
                    + heads + ", KV heads " + kvHeads + ", num_hidden_layers " + layers + ", ffn_hidden_size "
                    + ffnHiddenSize + ", vocab_size " + vocabSize);
        }
    }

    /** @return {@code d = E / H} */
    public int headDim() {
        return hiddenSize / heads;
    }

    /** @return whether the layer has two LayerNorms ({@code ln_attn}, {@code ln_mlp}) */
    public boolean newDecoderArchitecture() {
        return layout == QkvLayout.GROUPED;
    }

    /**
     * @param config the config.json
     * @return the configuration
     */
    public static FalconConfig from(ConfigJson config) {
        if (config.bool(false, "alibi")) {
            throw config.invalid("alibi", "is true; Falcon's ALiBi variant (e.g. falcon-rw-1b) is not supported");
        }
        int hidden = config.integer(4544, "hidden_size", "n_embed");
        int heads = config.integer(71, "num_attention_heads", "n_head");
        int numKvHeads = config.integer(heads, "num_kv_heads");
        boolean newArch = config.bool(false, "new_decoder_architecture");
        boolean multiQuery = config.bool(true, "multi_query");
        QkvLayout layout = newArch ? QkvLayout.GROUPED : multiQuery ? QkvLayout.MULTI_QUERY : QkvLayout.PER_HEAD;
        int kvHeads = newArch ? numKvHeads : multiQuery ? 1 : heads;
        if (layout == QkvLayout.PER_HEAD && numKvHeads != heads) {
            throw config.invalid("num_kv_heads", "is " + numKvHeads + " but must equal num_attention_heads " + heads
                    + " when neither multi_query nor new_decoder_architecture is set");
        }
        try {
            return new FalconConfig(hidden, heads, kvHeads, layout,
                    config.integer(32, "num_hidden_layers", "n_layer"),
                    config.bool(true, "parallel_attn"),
                    config.bool(false, "bias"),
                    config.number(1e-5, "layer_norm_epsilon"),
                    config.number(10000.0, "rope_theta"),
                    RopeScaling.fromConfig(config, EnumSet.of(RopeScaling.Type.LINEAR, RopeScaling.Type.DYNAMIC)),
                    config.integer(2048, "max_position_embeddings"),
                    config.integer(4 * hidden, "ffn_hidden_size"),
                    Activation.fromConfig(config, "activation", config.string("gelu", "activation")),
                    config.bool(true, "tie_word_embeddings"),
                    config.integer(65024, "vocab_size"));
        } catch (IllegalArgumentException e) {
            throw config.invalid("hidden_size", "and the other dimensions are inconsistent: " + e.getMessage());
        }
    }
}
