package org.langscore.huggingface.model;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

/**
 * The configuration of a {@code GPTNeoForCausalLM}, with transformers' defaults.
 *
 * @param hiddenSize {@code hidden_size}
 * @param heads {@code num_heads}
 * @param layers {@code num_layers}
 * @param localLayers per layer, true where {@code attention_types} makes it {@code local}
 * @param windowSize {@code window_size}: a local layer's query sees itself and the {@code window_size - 1} keys
 *     before it
 * @param maxPositionEmbeddings {@code max_position_embeddings}: rows of the learned position table
 * @param innerSize {@code intermediate_size}, default {@code 4 * hidden_size}
 * @param activation {@code activation_function}
 * @param layerNormEps {@code layer_norm_epsilon}
 * @param vocabSize {@code vocab_size}
 * @param tieWordEmbeddings the head is {@code wte}
 */
public record GptNeoConfig(int hiddenSize, int heads, int layers, boolean[] localLayers, int windowSize,
                           int maxPositionEmbeddings, int innerSize, Activation activation, double layerNormEps,
                           int vocabSize, boolean tieWordEmbeddings) {

    public GptNeoConfig {
        if (hiddenSize <= 0 || heads <= 0 || hiddenSize % heads != 0 || layers <= 0 || localLayers.length != layers
                || windowSize <= 0 || maxPositionEmbeddings <= 0 || innerSize <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException("Invalid GPT-Neo dimensions: hidden_size " + hiddenSize + ", num_heads "
                    + heads + ", num_layers " + layers + " (attention_types cover " + localLayers.length
                    + "), window_size " + windowSize + ", max_position_embeddings " + maxPositionEmbeddings
                    + ", intermediate_size " + innerSize + ", vocab_size " + vocabSize);
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
    public static GptNeoConfig from(ConfigJson config) {
        int hidden = config.integer(2048, "hidden_size");
        int layers = config.integer(24, "num_layers");
        boolean[] local = localLayers(config);
        if (local.length != layers) {
            throw config.invalid("attention_types", "expands to " + local.length + " layers but num_layers is " + layers);
        }
        try {
            return new GptNeoConfig(hidden,
                    config.integer(16, "num_heads"),
                    layers,
                    local,
                    config.integer(256, "window_size"),
                    config.integer(2048, "max_position_embeddings"),
                    config.integer(4 * hidden, "intermediate_size"),
                    Activation.fromConfig(config, "activation_function", config.string("gelu_new", "activation_function")),
                    config.number(1e-5, "layer_norm_epsilon"),
                    config.integer(50257, "vocab_size"),
                    config.bool(true, "tie_word_embeddings"));
        } catch (IllegalArgumentException e) {
            throw config.invalid("hidden_size", "and the other dimensions are inconsistent: " + e.getMessage());
        }
    }

    /** Expands {@code attention_types} ({@code [[["global", "local"], 12]]}: the pattern repeated 12 times). */
    private static boolean[] localLayers(ConfigJson config) {
        JsonElement types = config.element("attention_types").orElse(null);
        List<Boolean> layers = new ArrayList<>();
        if (types == null) {
            for (int i = 0; i < 12; i++) {
                layers.add(false);
                layers.add(true);
            }
        } else {
            String expected = "a list of [[\"global\" | \"local\", ...], count] entries";
            if (!types.isJsonArray()) {
                throw config.invalid("attention_types", "must be " + expected + ", found " + types);
            }
            for (JsonElement entry : types.getAsJsonArray()) {
                if (!entry.isJsonArray() || entry.getAsJsonArray().size() != 2
                        || !entry.getAsJsonArray().get(0).isJsonArray()
                        || !entry.getAsJsonArray().get(1).isJsonPrimitive()) {
                    throw config.invalid("attention_types", "must be " + expected + ", found " + entry);
                }
                JsonArray pattern = entry.getAsJsonArray().get(0).getAsJsonArray();
                int count = entry.getAsJsonArray().get(1).getAsInt();
                for (int r = 0; r < count; r++) {
                    for (JsonElement kind : pattern) {
                        String name = kind.isJsonPrimitive() ? kind.getAsString() : String.valueOf(kind);
                        if (!name.equals("global") && !name.equals("local")) {
                            throw config.invalid("attention_types", "names the attention type '" + name
                                    + "'; GPT-Neo has 'global' and 'local'");
                        }
                        layers.add(name.equals("local"));
                    }
                }
            }
        }
        boolean[] out = new boolean[layers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = layers.get(i);
        }
        return out;
    }
}
