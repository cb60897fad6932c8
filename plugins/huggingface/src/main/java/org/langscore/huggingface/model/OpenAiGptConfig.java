package org.langscore.huggingface.model;

/**
 * The configuration of an {@code OpenAIGPTLMHeadModel} (GPT-1, openai-gpt), with transformers' defaults.
 *
 * @param hiddenSize {@code n_embd}
 * @param heads {@code n_head}
 * @param layers {@code n_layer}
 * @param positions {@code n_positions}: rows of the learned position table
 * @param activation {@code afn}; GPT-1's {@code gelu} is the tanh form ({@code gelu_new}) in modeling_openai.py
 * @param layerNormEps {@code layer_norm_epsilon}
 * @param vocabSize {@code vocab_size}
 * @param tieWordEmbeddings the head is {@code tokens_embed}
 */
public record OpenAiGptConfig(int hiddenSize, int heads, int layers, int positions, Activation activation,
                              double layerNormEps, int vocabSize, boolean tieWordEmbeddings) {

    public OpenAiGptConfig {
        if (hiddenSize <= 0 || heads <= 0 || hiddenSize % heads != 0 || layers <= 0 || positions <= 0
                || vocabSize <= 0) {
            throw new IllegalArgumentException("Invalid GPT-1 dimensions: n_embd " + hiddenSize + ", n_head " + heads
                    + ", n_layer " + layers + ", n_positions " + positions + ", vocab_size " + vocabSize);
        }
    }

    /** @return {@code d = E / H} */
    public int headDim() {
        return hiddenSize / heads;
    }

    /** @return the MLP width, always {@code 4 · n_embd} */
    public int innerSize() {
        return 4 * hiddenSize;
    }

    /**
     * @param config the config.json
     * @return the configuration
     */
    public static OpenAiGptConfig from(ConfigJson config) {
        String afn = config.string("gelu", "afn");
        Activation activation = switch (afn) {
            // modeling_openai.py's ACT_FNS: "gelu" is gelu_new, "silu" and "swish" are SiLU, "relu" ReLU.
            case "gelu" -> Activation.GELU_TANH;
            case "relu" -> Activation.RELU;
            case "silu", "swish" -> Activation.SILU;
            default -> throw config.invalid("afn", "names the activation '" + afn
                    + "', which GPT-1 does not have (gelu, relu, silu, swish)");
        };
        try {
            return new OpenAiGptConfig(config.integer(768, "n_embd"),
                    config.integer(12, "n_head"),
                    config.integer(12, "n_layer"),
                    config.integer(512, "n_positions"),
                    activation,
                    config.number(1e-5, "layer_norm_epsilon"),
                    config.integer(40478, "vocab_size"),
                    config.bool(true, "tie_word_embeddings"));
        } catch (IllegalArgumentException e) {
            throw config.invalid("n_embd", "and the other dimensions are inconsistent: " + e.getMessage());
        }
    }
}
