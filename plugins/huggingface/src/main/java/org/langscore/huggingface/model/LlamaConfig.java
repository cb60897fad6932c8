package org.langscore.huggingface.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The configuration of the Llama family ({@code LlamaForCausalLM}, {@code MistralForCausalLM},
 * {@code Qwen2ForCausalLM}), with each family's transformers defaults.
 *
 * @param modelType the {@link ModelFamily#modelType()} of {@link ModelFamily#LLAMA}, {@link ModelFamily#MISTRAL} or
 *     {@link ModelFamily#QWEN2}
 * @param hiddenSize {@code E}
 * @param heads {@code H}
 * @param kvHeads {@code Hkv}
 * @param headDim {@code d} ({@code E/H} unless Mistral's {@code head_dim} says otherwise)
 * @param layers {@code L}
 * @param intermediateSize {@code I}
 * @param activation {@code hidden_act}
 * @param rmsNormEps {@code rms_norm_eps}
 * @param ropeTheta {@code rope_theta}
 * @param ropeScaling {@code rope_scaling}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param qkvBias biases on q, k, v ({@code attention_bias} for Llama; always for Qwen2)
 * @param outputBias bias on o ({@code attention_bias} for Llama)
 * @param mlpBias biases on gate, up, down ({@code mlp_bias})
 * @param tieWordEmbeddings the head is the input embedding
 * @param vocabSize {@code V}
 * @param slidingWindow Mistral's attention window, 0 for none
 */
public record LlamaConfig(String modelType, int hiddenSize, int heads, int kvHeads, int headDim, int layers,
                          int intermediateSize, Activation activation, double rmsNormEps, double ropeTheta,
                          RopeScaling ropeScaling, int maxPositionEmbeddings, boolean qkvBias, boolean outputBias,
                          boolean mlpBias, boolean tieWordEmbeddings, int vocabSize, int slidingWindow) {

    public LlamaConfig {
        if (hiddenSize <= 0 || heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0 || headDim <= 0 || headDim % 2 != 0
                || layers <= 0 || intermediateSize <= 0 || vocabSize <= 0 || slidingWindow < 0) {
            throw new IllegalArgumentException("Invalid dimensions: hidden_size " + hiddenSize + ", num_attention_heads "
                    + heads + ", num_key_value_heads " + kvHeads + ", head dim " + headDim + ", num_hidden_layers "
                    + layers + ", intermediate_size " + intermediateSize + ", vocab_size " + vocabSize
                    + ", sliding_window " + slidingWindow);
        }
    }

    /**
     * The members of the Llama family, each with the defaults transformers gives the config keys it may
     * leave out.
     */
    public enum Variant {
        /** {@code LlamaForCausalLM}. */
        LLAMA(ModelFamily.LLAMA, 11008, 2048, 32000),
        /** {@code MistralForCausalLM}. */
        MISTRAL(ModelFamily.MISTRAL, 14336, 131072, 32000),
        /** {@code Qwen2ForCausalLM}. */
        QWEN2(ModelFamily.QWEN2, 22016, 32768, 151936);

        private final ModelFamily family;
        private final int defaultIntermediateSize;
        private final int defaultMaxPositionEmbeddings;
        private final int defaultVocabSize;

        Variant(ModelFamily family, int defaultIntermediateSize, int defaultMaxPositionEmbeddings,
                int defaultVocabSize) {
            this.family = family;
            this.defaultIntermediateSize = defaultIntermediateSize;
            this.defaultMaxPositionEmbeddings = defaultMaxPositionEmbeddings;
            this.defaultVocabSize = defaultVocabSize;
        }

        /** @return the family this variant is */
        public ModelFamily family() {
            return family;
        }
    }

    /**
     * @param config the config.json
     * @param variant which member of the family the config describes
     * @return the configuration
     */
    public static LlamaConfig from(ConfigJson config, Variant variant) {
        boolean llama = variant == Variant.LLAMA;
        boolean mistral = variant == Variant.MISTRAL;
        boolean qwen2 = variant == Variant.QWEN2;
        int hidden = config.integer(4096, "hidden_size");
        int heads = config.integer(32, "num_attention_heads");
        int kvHeads = config.integer(mistral ? 8 : heads, "num_key_value_heads");
        int headDim = mistral ? config.integer(hidden / Math.max(heads, 1), "head_dim") : hidden / Math.max(heads, 1);
        if (!mistral && hidden % heads != 0) {
            throw config.invalid("hidden_size", hidden + " is not a multiple of num_attention_heads " + heads);
        }
        Set<RopeScaling.Type> scalings = llama
                ? EnumSet.of(RopeScaling.Type.LINEAR, RopeScaling.Type.DYNAMIC, RopeScaling.Type.LLAMA3)
                : EnumSet.noneOf(RopeScaling.Type.class);
        RopeScaling scaling = RopeScaling.NONE;
        if (llama) {
            scaling = RopeScaling.fromConfig(config, scalings);
        } else if (config.object("rope_scaling").isPresent()) {
            String type = config.object("rope_scaling").get().string("", "type", "rope_type");
            if (type.equals("yarn") || type.equals("su") || type.equals("longrope")) {
                throw config.invalid("rope_scaling", "has type '" + type + "' (long-context scaling), which is not"
                        + " supported");
            }
            // transformers 4.40 ignores rope_scaling for Mistral and Qwen2.
        }
        int slidingWindow = 0;
        if (mistral) {
            slidingWindow = config.integer(0, "sliding_window");
        } else if (qwen2 && config.bool(false, "use_sliding_window")) {
            throw config.invalid("use_sliding_window", "is true; Qwen2's per-layer sliding window is not supported");
        }
        boolean attentionBias = llama && config.bool(false, "attention_bias");
        try {
            return new LlamaConfig(variant.family().modelType(), hidden, heads, kvHeads, headDim,
                    config.integer(32, "num_hidden_layers"),
                    config.integer(variant.defaultIntermediateSize, "intermediate_size"),
                    Activation.fromConfig(config, "hidden_act", config.string("silu", "hidden_act")),
                    config.number(1e-6, "rms_norm_eps"),
                    config.number(10000.0, "rope_theta"),
                    scaling,
                    config.integer(variant.defaultMaxPositionEmbeddings, "max_position_embeddings"),
                    attentionBias || qwen2, attentionBias,
                    llama && config.bool(false, "mlp_bias"),
                    config.bool(false, "tie_word_embeddings"),
                    config.integer(variant.defaultVocabSize, "vocab_size"),
                    slidingWindow);
        } catch (IllegalArgumentException e) {
            throw config.invalid("hidden_size", "and the other dimensions are inconsistent: " + e.getMessage());
        }
    }
}
