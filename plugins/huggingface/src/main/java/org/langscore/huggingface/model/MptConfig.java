package org.langscore.huggingface.model;

/**
 * The configuration of an {@code MptForCausalLM} (also {@code MPTForCausalLM}, the remote-code name real
 * checkpoints carry), with transformers' defaults.
 *
 * @param hiddenSize {@code d_model}
 * @param heads {@code n_heads}
 * @param layers {@code n_layers}
 * @param expansionRatio {@code expansion_ratio}: the MLP width is {@code expansion_ratio · d_model}
 * @param maxSeqLen {@code max_seq_len}: transformers' ALiBi table covers this many keys
 * @param layerNormEps {@code layer_norm_epsilon}
 * @param alibiBiasMax {@code attn_config.alibi_bias_max}
 * @param softmaxScale {@code attn_config.softmax_scale}, default {@code 1/sqrt(d)}
 * @param vocabSize {@code vocab_size}
 */
public record MptConfig(int hiddenSize, int heads, int layers, int expansionRatio, int maxSeqLen,
                        double layerNormEps, double alibiBiasMax, double softmaxScale, int vocabSize) {

    public MptConfig {
        if (hiddenSize <= 0 || heads <= 0 || hiddenSize % heads != 0 || layers <= 0 || expansionRatio <= 0
                || maxSeqLen <= 0 || !(softmaxScale > 0) || vocabSize <= 0) {
            throw new IllegalArgumentException("Invalid MPT dimensions: d_model " + hiddenSize + ", n_heads " + heads
                    + ", n_layers " + layers + ", expansion_ratio " + expansionRatio + ", max_seq_len " + maxSeqLen
                    + ", softmax_scale " + softmaxScale + ", vocab_size " + vocabSize);
        }
    }

    /** @return {@code d = d_model / n_heads} */
    public int headDim() {
        return hiddenSize / heads;
    }

    /** @return the MLP width */
    public int innerSize() {
        return expansionRatio * hiddenSize;
    }

    /**
     * @param config the config.json
     * @return the configuration
     */
    public static MptConfig from(ConfigJson config) {
        int hidden = config.integer(2048, "d_model");
        int heads = config.integer(16, "n_heads");
        if (!config.bool(true, "no_bias")) {
            throw config.invalid("no_bias", "is false; transformers' MPT has no biases, so such a checkpoint's biases"
                    + " would be ignored: not supported");
        }
        ConfigJson attn = config.object("attn_config").orElse(new ConfigJson(config.file(), new com.google.gson.JsonObject()));
        if (attn.bool(false, "qk_ln")) {
            throw config.invalid("attn_config.qk_ln", "is true; transformers' MPT does not apply it: not supported");
        }
        if (attn.has("clip_qkv")) {
            throw config.invalid("attn_config.clip_qkv", "is set; transformers' MPT does not apply it: not supported");
        }
        if (!attn.bool(true, "alibi")) {
            throw config.invalid("attn_config.alibi", "is false; transformers' MPT always uses ALiBi: not supported");
        }
        double scale = attn.number(1.0 / Math.sqrt((double) hidden / Math.max(heads, 1)), "softmax_scale");
        try {
            return new MptConfig(hidden, heads,
                    config.integer(24, "n_layers"),
                    config.integer(4, "expansion_ratio"),
                    config.integer(2048, "max_seq_len"),
                    config.number(1e-5, "layer_norm_epsilon"),
                    attn.number(8, "alibi_bias_max"),
                    scale,
                    config.integer(50368, "vocab_size"));
        } catch (IllegalArgumentException e) {
            throw config.invalid("d_model", "and the other dimensions are inconsistent: " + e.getMessage());
        }
    }
}
