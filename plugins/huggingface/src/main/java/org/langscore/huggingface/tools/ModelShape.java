package org.langscore.huggingface.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.langscore.huggingface.model.ModelFamily;

/**
 * The published shape of a well-known model: its config.json values and the tensors a HuggingFace
 * checkpoint of it holds. The numbers are public facts from the models' config files.
 *
 * @param like the short name ({@code gpt2}, {@code pythia-160m}, ...)
 * @param config the config.json entries
 */
record ModelShape(String like, Map<String, Object> config) {

    /** A tensor of the checkpoint: its name, shape, and how it is initialised. */
    record TensorSpec(String name, long[] shape, Init init) {
        long elements() {
            long count = 1;
            for (long dimension : shape) {
                count *= dimension;
            }
            return count;
        }
    }

    /** How a tensor is filled: random weights, ones (norm gains) or zeros (biases). */
    enum Init {
        RANDOM, ONES, ZEROS
    }

    /** @return the names {@code --like} accepts */
    static List<String> known() {
        List<String> names = new ArrayList<>(List.of("gpt2", "distilgpt2", "gpt2-medium", "pythia-160m", "pythia-410m",
                "pythia-1b", "pythia-12b", "tinyllama-1.1b", "mistral-7b", "falcon-7b"));
        names.addAll(ZooShapes.known());
        return names;
    }

    /** @return the shape of a known model, or null */
    static ModelShape of(String like) {
        return switch (like) {
            case "gpt2" -> gpt2(like, 12, 768, 12);
            case "distilgpt2" -> gpt2(like, 6, 768, 12);
            case "gpt2-medium" -> gpt2(like, 24, 1024, 16);
            case "pythia-160m" -> neox(like, 12, 768, 12, 50304);
            case "pythia-410m" -> neox(like, 24, 1024, 16, 50304);
            case "pythia-1b" -> neox(like, 16, 2048, 8, 50304);
            case "pythia-12b" -> neox(like, 36, 5120, 40, 50688);
            case "falcon-7b" -> falcon7b(like);
            case "tinyllama-1.1b" -> llama(like, ModelFamily.LLAMA, 22, 2048, 32, 4, 5632, 2048, null);
            case "mistral-7b" -> llama(like, ModelFamily.MISTRAL, 32, 4096, 32, 8, 14336, 32768, 4096);
            default -> {
                Map<String, Object> zoo = ZooShapes.config(like);
                yield zoo == null ? null : new ModelShape(like, zoo);
            }
        };
    }

    private static ModelShape gpt2(String like, int layers, int hidden, int heads) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of(ModelFamily.GPT2.architecture()));
        config.put("model_type", ModelFamily.GPT2.modelType());
        config.put("vocab_size", 50257);
        config.put("n_positions", 1024);
        config.put("n_ctx", 1024);
        config.put("n_embd", hidden);
        config.put("n_layer", layers);
        config.put("n_head", heads);
        config.put("n_inner", null);
        config.put("activation_function", "gelu_new");
        config.put("layer_norm_epsilon", 1e-5);
        config.put("scale_attn_weights", true);
        config.put("tie_word_embeddings", true);
        config.put("bos_token_id", 50256);
        config.put("eos_token_id", 50256);
        return new ModelShape(like, config);
    }

    private static ModelShape neox(String like, int layers, int hidden, int heads, int vocab) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of(ModelFamily.GPT_NEOX.architecture()));
        config.put("model_type", ModelFamily.GPT_NEOX.modelType());
        config.put("vocab_size", vocab);
        config.put("max_position_embeddings", 2048);
        config.put("hidden_size", hidden);
        config.put("num_hidden_layers", layers);
        config.put("num_attention_heads", heads);
        config.put("intermediate_size", 4 * hidden);
        config.put("hidden_act", "gelu");
        config.put("rotary_pct", 0.25);
        config.put("rotary_emb_base", 10000);
        config.put("layer_norm_eps", 1e-5);
        config.put("use_parallel_residual", true);
        config.put("tie_word_embeddings", false);
        config.put("bos_token_id", 0);
        config.put("eos_token_id", 0);
        return new ModelShape(like, config);
    }

    /** tiiuae/falcon-7b: multi-query attention (71 query heads, one KV head), parallel attention, no biases. */
    private static ModelShape falcon7b(String like) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of(ModelFamily.FALCON.architecture()));
        config.put("model_type", ModelFamily.FALCON.modelType());
        config.put("vocab_size", 65024);
        config.put("hidden_size", 4544);
        config.put("num_hidden_layers", 32);
        config.put("num_attention_heads", 71);
        config.put("multi_query", true);
        config.put("parallel_attn", true);
        config.put("new_decoder_architecture", false);
        config.put("bias", false);
        config.put("alibi", false);
        config.put("layer_norm_epsilon", 1e-5);
        config.put("rope_theta", 10000.0);
        config.put("max_position_embeddings", 2048);
        config.put("tie_word_embeddings", true);
        config.put("bos_token_id", 11);
        config.put("eos_token_id", 11);
        return new ModelShape(like, config);
    }

    private static ModelShape llama(String like, ModelFamily family, int layers, int hidden, int heads,
                                    int kvHeads, int intermediate, int positions, Integer slidingWindow) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of(family.architecture()));
        config.put("model_type", family.modelType());
        config.put("vocab_size", 32000);
        config.put("max_position_embeddings", positions);
        config.put("hidden_size", hidden);
        config.put("num_hidden_layers", layers);
        config.put("num_attention_heads", heads);
        config.put("num_key_value_heads", kvHeads);
        config.put("intermediate_size", intermediate);
        config.put("hidden_act", "silu");
        config.put("rms_norm_eps", 1e-5);
        config.put("rope_theta", 10000.0);
        config.put("tie_word_embeddings", false);
        if (slidingWindow != null) {
            config.put("sliding_window", slidingWindow);
        }
        config.put("bos_token_id", 1);
        config.put("eos_token_id", 2);
        return new ModelShape(like, config);
    }

    /** @return a copy with config entries replaced (values parsed as numbers where they look like numbers) */
    ModelShape with(Map<String, String> overrides) {
        Map<String, Object> config = new LinkedHashMap<>(this.config);
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            String value = entry.getValue();
            Object parsed;
            if (value.matches("-?\\d+")) {
                parsed = Long.parseLong(value);
            } else if (value.matches("-?\\d*\\.\\d+([eE]-?\\d+)?|-?\\d+[eE]-?\\d+")) {
                parsed = Double.parseDouble(value);
            } else if (value.equals("true") || value.equals("false")) {
                parsed = Boolean.parseBoolean(value);
            } else if (value.equals("null")) {
                parsed = null;
            } else {
                parsed = value;
            }
            config.put(entry.getKey(), parsed);
        }
        ZooShapes.afterOverrides(config, overrides.keySet());
        return new ModelShape(like, config);
    }

    private long number(String key) {
        Object value = config.get(key);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("config key " + key + " must be a number, got " + value);
        }
        return number.longValue();
    }

    /** @return the tensors of the checkpoint, in file order */
    List<TensorSpec> tensors() {
        String type = (String) config.get("model_type");
        ModelFamily family = ModelFamily.ofModelType(type).orElseThrow(() -> new IllegalArgumentException(
                "config key model_type must name a supported family, got " + type));
        List<TensorSpec> tensors = new ArrayList<>();
        Runnable add = switch (family) {
            case GPT2 -> () -> gpt2Tensors(tensors);
            case GPT_NEOX -> () -> neoxTensors(tensors);
            case FALCON -> () -> falconTensors(tensors);
            case LLAMA, MISTRAL, QWEN2 -> () -> llamaTensors(tensors);
            case OPT -> () -> ZooShapes.opt(config, this::number, tensors);
            case GPT_NEO -> () -> ZooShapes.gptNeo(config, this::number, tensors);
            case PHI -> () -> ZooShapes.phi(this::number, tensors);
            case GEMMA -> () -> ZooShapes.gemma(this::number, tensors);
            case MPT -> () -> ZooShapes.mpt(this::number, tensors);
            case OPENAI_GPT -> () -> ZooShapes.openAiGpt(this::number, tensors);
        };
        add.run();
        return tensors;
    }

    private void gpt2Tensors(List<TensorSpec> tensors) {
        long vocab = number("vocab_size");
        long hidden = number("n_embd");
        long positions = number("n_positions");
        long inner = config.get("n_inner") == null ? 4 * hidden : number("n_inner");
        String p = "transformer.";
        tensors.add(new TensorSpec(p + "wte.weight", new long[] {vocab, hidden}, Init.RANDOM));
        tensors.add(new TensorSpec(p + "wpe.weight", new long[] {positions, hidden}, Init.RANDOM));
        for (int layer = 0; layer < number("n_layer"); layer++) {
            String l = p + "h." + layer + ".";
            // GPT-2 stores its projections as Conv1D: [in, out].
            tensors.add(new TensorSpec(l + "ln_1.weight", new long[] {hidden}, Init.ONES));
            tensors.add(new TensorSpec(l + "ln_1.bias", new long[] {hidden}, Init.ZEROS));
            tensors.add(new TensorSpec(l + "attn.c_attn.weight", new long[] {hidden, 3 * hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "attn.c_attn.bias", new long[] {3 * hidden}, Init.ZEROS));
            tensors.add(new TensorSpec(l + "attn.c_proj.weight", new long[] {hidden, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "attn.c_proj.bias", new long[] {hidden}, Init.ZEROS));
            tensors.add(new TensorSpec(l + "ln_2.weight", new long[] {hidden}, Init.ONES));
            tensors.add(new TensorSpec(l + "ln_2.bias", new long[] {hidden}, Init.ZEROS));
            tensors.add(new TensorSpec(l + "mlp.c_fc.weight", new long[] {hidden, inner}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "mlp.c_fc.bias", new long[] {inner}, Init.ZEROS));
            tensors.add(new TensorSpec(l + "mlp.c_proj.weight", new long[] {inner, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "mlp.c_proj.bias", new long[] {hidden}, Init.ZEROS));
        }
        tensors.add(new TensorSpec(p + "ln_f.weight", new long[] {hidden}, Init.ONES));
        tensors.add(new TensorSpec(p + "ln_f.bias", new long[] {hidden}, Init.ZEROS));
    }

    private void neoxTensors(List<TensorSpec> tensors) {
        long vocab = number("vocab_size");
        long hidden = number("hidden_size");
        long inner = number("intermediate_size");
        String p = "gpt_neox.";
        tensors.add(new TensorSpec(p + "embed_in.weight", new long[] {vocab, hidden}, Init.RANDOM));
        for (int layer = 0; layer < number("num_hidden_layers"); layer++) {
            String l = p + "layers." + layer + ".";
            tensors.add(new TensorSpec(l + "input_layernorm.weight", new long[] {hidden}, Init.ONES));
            tensors.add(new TensorSpec(l + "input_layernorm.bias", new long[] {hidden}, Init.ZEROS));
            tensors.add(new TensorSpec(l + "post_attention_layernorm.weight", new long[] {hidden}, Init.ONES));
            tensors.add(new TensorSpec(l + "post_attention_layernorm.bias", new long[] {hidden}, Init.ZEROS));
            tensors.add(new TensorSpec(l + "attention.query_key_value.weight", new long[] {3 * hidden, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "attention.query_key_value.bias", new long[] {3 * hidden}, Init.ZEROS));
            tensors.add(new TensorSpec(l + "attention.dense.weight", new long[] {hidden, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "attention.dense.bias", new long[] {hidden}, Init.ZEROS));
            tensors.add(new TensorSpec(l + "mlp.dense_h_to_4h.weight", new long[] {inner, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "mlp.dense_h_to_4h.bias", new long[] {inner}, Init.ZEROS));
            tensors.add(new TensorSpec(l + "mlp.dense_4h_to_h.weight", new long[] {hidden, inner}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "mlp.dense_4h_to_h.bias", new long[] {hidden}, Init.ZEROS));
        }
        tensors.add(new TensorSpec(p + "final_layer_norm.weight", new long[] {hidden}, Init.ONES));
        tensors.add(new TensorSpec(p + "final_layer_norm.bias", new long[] {hidden}, Init.ZEROS));
        tensors.add(new TensorSpec("embed_out.weight", new long[] {vocab, hidden}, Init.RANDOM));
    }

    private void falconTensors(List<TensorSpec> tensors) {
        long vocab = number("vocab_size");
        long hidden = number("hidden_size");
        long heads = number("num_attention_heads");
        long headDim = hidden / heads;
        long inner = 4 * hidden;
        String p = "transformer.";
        tensors.add(new TensorSpec(p + "word_embeddings.weight", new long[] {vocab, hidden}, Init.RANDOM));
        for (int layer = 0; layer < number("num_hidden_layers"); layer++) {
            String l = p + "h." + layer + ".";
            // Multi-query: H query heads, then one key and one value head.
            tensors.add(new TensorSpec(l + "input_layernorm.weight", new long[] {hidden}, Init.ONES));
            tensors.add(new TensorSpec(l + "input_layernorm.bias", new long[] {hidden}, Init.ZEROS));
            tensors.add(new TensorSpec(l + "self_attention.query_key_value.weight",
                    new long[] {(heads + 2) * headDim, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "self_attention.dense.weight", new long[] {hidden, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "mlp.dense_h_to_4h.weight", new long[] {inner, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "mlp.dense_4h_to_h.weight", new long[] {hidden, inner}, Init.RANDOM));
        }
        tensors.add(new TensorSpec(p + "ln_f.weight", new long[] {hidden}, Init.ONES));
        tensors.add(new TensorSpec(p + "ln_f.bias", new long[] {hidden}, Init.ZEROS));
    }

    /** @return the number of parameters the checkpoint holds */
    long parameterCount() {
        return tensors().stream().mapToLong(TensorSpec::elements).sum();
    }

    private void llamaTensors(List<TensorSpec> tensors) {
        long vocab = number("vocab_size");
        long hidden = number("hidden_size");
        long inner = number("intermediate_size");
        long heads = number("num_attention_heads");
        long kvHeads = number("num_key_value_heads");
        long headDim = hidden / heads;
        String p = "model.";
        tensors.add(new TensorSpec(p + "embed_tokens.weight", new long[] {vocab, hidden}, Init.RANDOM));
        for (int layer = 0; layer < number("num_hidden_layers"); layer++) {
            String l = p + "layers." + layer + ".";
            tensors.add(new TensorSpec(l + "input_layernorm.weight", new long[] {hidden}, Init.ONES));
            tensors.add(new TensorSpec(l + "self_attn.q_proj.weight", new long[] {heads * headDim, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "self_attn.k_proj.weight", new long[] {kvHeads * headDim, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "self_attn.v_proj.weight", new long[] {kvHeads * headDim, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "self_attn.o_proj.weight", new long[] {hidden, heads * headDim}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "post_attention_layernorm.weight", new long[] {hidden}, Init.ONES));
            tensors.add(new TensorSpec(l + "mlp.gate_proj.weight", new long[] {inner, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "mlp.up_proj.weight", new long[] {inner, hidden}, Init.RANDOM));
            tensors.add(new TensorSpec(l + "mlp.down_proj.weight", new long[] {hidden, inner}, Init.RANDOM));
        }
        tensors.add(new TensorSpec(p + "norm.weight", new long[] {hidden}, Init.ONES));
        tensors.add(new TensorSpec("lm_head.weight", new long[] {vocab, hidden}, Init.RANDOM));
    }
}
