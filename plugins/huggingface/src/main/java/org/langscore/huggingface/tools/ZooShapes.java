package org.langscore.huggingface.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.langscore.huggingface.model.ModelFamily;

import org.langscore.huggingface.tools.ModelShape.Init;
import org.langscore.huggingface.tools.ModelShape.TensorSpec;

/**
 * The config.json entries and checkpoint tensors of the families added for Brain-Score's model zoo: OPT,
 * GPT-Neo, Phi, Gemma 1, MPT and GPT-1. The numbers are the public values of the named models' config
 * files (facebook/opt-125m, facebook/opt-350m, EleutherAI/gpt-neo-125m, microsoft/phi-2, google/gemma-2b,
 * mosaicml/mpt-7b, openai-gpt).
 */
final class ZooShapes {

    private ZooShapes() {
    }

    /** @return the {@code --like} names this class knows */
    static List<String> known() {
        return List.of("opt-125m", "opt-350m", "opt-2.7b", "gpt-neo-125m", "gpt-neo-1.3b", "phi-2", "gemma-2b",
                "mpt-7b", "openai-gpt");
    }

    /** @return the config of a known model, or null */
    static Map<String, Object> config(String like) {
        return switch (like) {
            case "opt-125m" -> opt(12, 768, 12, 3072, 768, true);
            case "opt-350m" -> opt(24, 1024, 16, 4096, 512, false);
            case "opt-2.7b" -> opt(32, 2560, 32, 10240, 2560, true);
            case "gpt-neo-125m" -> gptNeo(12, 768, 12);
            case "gpt-neo-1.3b" -> gptNeo(24, 2048, 16);
            case "phi-2" -> phi2();
            case "gemma-2b" -> gemma2b();
            case "mpt-7b" -> mpt7b();
            case "openai-gpt" -> openAiGpt();
            default -> null;
        };
    }

    private static Map<String, Object> opt(int layers, int hidden, int heads, int ffn, int embedProj, boolean before) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of(ModelFamily.OPT.architecture()));
        config.put("model_type", ModelFamily.OPT.modelType());
        config.put("vocab_size", 50272);
        config.put("max_position_embeddings", 2048);
        config.put("hidden_size", hidden);
        config.put("num_hidden_layers", layers);
        config.put("num_attention_heads", heads);
        config.put("ffn_dim", ffn);
        config.put("word_embed_proj_dim", embedProj);
        config.put("do_layer_norm_before", before);
        config.put("activation_function", "relu");
        config.put("enable_bias", true);
        config.put("layer_norm_elementwise_affine", true);
        config.put("tie_word_embeddings", true);
        config.put("bos_token_id", 2);
        config.put("eos_token_id", 2);
        config.put("pad_token_id", 1);
        return config;
    }

    private static Map<String, Object> gptNeo(int layers, int hidden, int heads) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of(ModelFamily.GPT_NEO.architecture()));
        config.put("model_type", ModelFamily.GPT_NEO.modelType());
        config.put("vocab_size", 50257);
        config.put("max_position_embeddings", 2048);
        config.put("hidden_size", hidden);
        config.put("num_layers", layers);
        config.put("num_heads", heads);
        config.put("attention_types", List.of(List.of(List.of("global", "local"), layers / 2)));
        config.put("window_size", 256);
        config.put("intermediate_size", null);
        config.put("activation_function", "gelu_new");
        config.put("layer_norm_epsilon", 1e-5);
        config.put("bos_token_id", 50256);
        config.put("eos_token_id", 50256);
        return config;
    }

    private static Map<String, Object> phi2() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of(ModelFamily.PHI.architecture()));
        config.put("model_type", ModelFamily.PHI.modelType());
        config.put("vocab_size", 51200);
        config.put("max_position_embeddings", 2048);
        config.put("hidden_size", 2560);
        config.put("num_hidden_layers", 32);
        config.put("num_attention_heads", 32);
        config.put("num_key_value_heads", 32);
        config.put("intermediate_size", 10240);
        config.put("hidden_act", "gelu_new");
        config.put("partial_rotary_factor", 0.4);
        config.put("rope_theta", 10000.0);
        config.put("layer_norm_eps", 1e-5);
        config.put("qk_layernorm", false);
        config.put("tie_word_embeddings", false);
        config.put("bos_token_id", 50256);
        config.put("eos_token_id", 50256);
        return config;
    }

    private static Map<String, Object> gemma2b() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of(ModelFamily.GEMMA.architecture()));
        config.put("model_type", ModelFamily.GEMMA.modelType());
        config.put("vocab_size", 256000);
        config.put("max_position_embeddings", 8192);
        config.put("hidden_size", 2048);
        config.put("num_hidden_layers", 18);
        config.put("num_attention_heads", 8);
        config.put("num_key_value_heads", 1);
        config.put("head_dim", 256);
        config.put("intermediate_size", 16384);
        // gemma-2b's config says "gelu"; transformers 4.39+ ignores hidden_act and uses tanh GELU.
        config.put("hidden_act", "gelu");
        config.put("rms_norm_eps", 1e-6);
        config.put("rope_theta", 10000.0);
        config.put("attention_bias", false);
        config.put("bos_token_id", 2);
        config.put("eos_token_id", 1);
        config.put("pad_token_id", 0);
        return config;
    }

    private static Map<String, Object> mpt7b() {
        Map<String, Object> attn = new LinkedHashMap<>();
        attn.put("alibi", true);
        attn.put("alibi_bias_max", 8);
        attn.put("attn_impl", "torch");
        attn.put("attn_pdrop", 0);
        attn.put("attn_type", "multihead_attention");
        attn.put("attn_uses_sequence_id", false);
        attn.put("clip_qkv", null);
        attn.put("prefix_lm", false);
        attn.put("qk_ln", false);
        attn.put("softmax_scale", null);
        Map<String, Object> config = new LinkedHashMap<>();
        // mosaicml/mpt-7b carries the remote-code class name, MPT's second architecture name
        config.put("architectures", List.of(ModelFamily.MPT.architectures().get(1)));
        config.put("model_type", ModelFamily.MPT.modelType());
        config.put("vocab_size", 50432);
        config.put("max_seq_len", 2048);
        config.put("d_model", 4096);
        config.put("n_layers", 32);
        config.put("n_heads", 32);
        config.put("expansion_ratio", 4);
        config.put("attn_config", attn);
        config.put("no_bias", true);
        config.put("norm_type", "low_precision_layernorm");
        config.put("layer_norm_epsilon", 1e-5);
        config.put("learned_pos_emb", true);
        return config;
    }

    private static Map<String, Object> openAiGpt() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of(ModelFamily.OPENAI_GPT.architecture()));
        config.put("model_type", ModelFamily.OPENAI_GPT.modelType());
        config.put("vocab_size", 40478);
        config.put("n_positions", 512);
        config.put("n_embd", 768);
        config.put("n_layer", 12);
        config.put("n_head", 12);
        config.put("afn", "gelu");
        config.put("layer_norm_epsilon", 1e-5);
        return config;
    }

    /**
     * Keeps derived entries consistent after {@code --set}: GPT-Neo's {@code attention_types} must cover
     * {@code num_layers}, so a changed layer count (without an explicit {@code attention_types}) alternates
     * global and local layers over the new count.
     *
     * @param config the config entries, changed in place
     * @param overridden the keys the user set
     */
    static void afterOverrides(Map<String, Object> config, java.util.Set<String> overridden) {
        if (ModelFamily.GPT_NEO.modelType().equals(config.get("model_type")) && overridden.contains("num_layers")
                && !overridden.contains("attention_types") && config.get("num_layers") instanceof Number layers) {
            int count = layers.intValue();
            List<Object> types = new java.util.ArrayList<>();
            types.add(List.of(List.of("global", "local"), count / 2));
            if (count % 2 == 1) {
                types.add(List.of(List.of("global"), 1));
            }
            config.put("attention_types", types);
        }
    }

    private static void add(List<TensorSpec> tensors, String name, Init init, long... shape) {
        tensors.add(new TensorSpec(name, shape, init));
    }

    static void opt(Map<String, Object> config, ToLongFunction<String> number, List<TensorSpec> tensors) {
        long hidden = number.applyAsLong("hidden_size");
        long ffn = number.applyAsLong("ffn_dim");
        long embed = config.get("word_embed_proj_dim") == null ? hidden : number.applyAsLong("word_embed_proj_dim");
        boolean before = !Boolean.FALSE.equals(config.get("do_layer_norm_before"));
        String p = "model.decoder.";
        add(tensors, p + "embed_tokens.weight", Init.RANDOM, number.applyAsLong("vocab_size"), embed);
        add(tensors, p + "embed_positions.weight", Init.RANDOM, number.applyAsLong("max_position_embeddings") + 2, hidden);
        if (embed != hidden) {
            add(tensors, p + "project_in.weight", Init.RANDOM, hidden, embed);
            add(tensors, p + "project_out.weight", Init.RANDOM, embed, hidden);
        }
        for (int layer = 0; layer < number.applyAsLong("num_hidden_layers"); layer++) {
            String l = p + "layers." + layer + ".";
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                add(tensors, l + "self_attn." + proj + ".weight", Init.RANDOM, hidden, hidden);
                add(tensors, l + "self_attn." + proj + ".bias", Init.ZEROS, hidden);
            }
            add(tensors, l + "self_attn_layer_norm.weight", Init.ONES, hidden);
            add(tensors, l + "self_attn_layer_norm.bias", Init.ZEROS, hidden);
            add(tensors, l + "fc1.weight", Init.RANDOM, ffn, hidden);
            add(tensors, l + "fc1.bias", Init.ZEROS, ffn);
            add(tensors, l + "fc2.weight", Init.RANDOM, hidden, ffn);
            add(tensors, l + "fc2.bias", Init.ZEROS, hidden);
            add(tensors, l + "final_layer_norm.weight", Init.ONES, hidden);
            add(tensors, l + "final_layer_norm.bias", Init.ZEROS, hidden);
        }
        if (before) {
            add(tensors, p + "final_layer_norm.weight", Init.ONES, hidden);
            add(tensors, p + "final_layer_norm.bias", Init.ZEROS, hidden);
        }
    }

    static void gptNeo(Map<String, Object> config, ToLongFunction<String> number, List<TensorSpec> tensors) {
        long hidden = number.applyAsLong("hidden_size");
        long inner = config.get("intermediate_size") == null ? 4 * hidden : number.applyAsLong("intermediate_size");
        String p = "transformer.";
        add(tensors, p + "wte.weight", Init.RANDOM, number.applyAsLong("vocab_size"), hidden);
        add(tensors, p + "wpe.weight", Init.RANDOM, number.applyAsLong("max_position_embeddings"), hidden);
        for (int layer = 0; layer < number.applyAsLong("num_layers"); layer++) {
            String l = p + "h." + layer + ".";
            add(tensors, l + "ln_1.weight", Init.ONES, hidden);
            add(tensors, l + "ln_1.bias", Init.ZEROS, hidden);
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                add(tensors, l + "attn.attention." + proj + ".weight", Init.RANDOM, hidden, hidden);
            }
            add(tensors, l + "attn.attention.out_proj.bias", Init.ZEROS, hidden);
            add(tensors, l + "ln_2.weight", Init.ONES, hidden);
            add(tensors, l + "ln_2.bias", Init.ZEROS, hidden);
            add(tensors, l + "mlp.c_fc.weight", Init.RANDOM, inner, hidden);
            add(tensors, l + "mlp.c_fc.bias", Init.ZEROS, inner);
            add(tensors, l + "mlp.c_proj.weight", Init.RANDOM, hidden, inner);
            add(tensors, l + "mlp.c_proj.bias", Init.ZEROS, hidden);
        }
        add(tensors, p + "ln_f.weight", Init.ONES, hidden);
        add(tensors, p + "ln_f.bias", Init.ZEROS, hidden);
    }

    static void phi(ToLongFunction<String> number, List<TensorSpec> tensors) {
        long vocab = number.applyAsLong("vocab_size");
        long hidden = number.applyAsLong("hidden_size");
        long inner = number.applyAsLong("intermediate_size");
        long headDim = hidden / number.applyAsLong("num_attention_heads");
        long kvRows = number.applyAsLong("num_key_value_heads") * headDim;
        String p = "model.";
        add(tensors, p + "embed_tokens.weight", Init.RANDOM, vocab, hidden);
        for (int layer = 0; layer < number.applyAsLong("num_hidden_layers"); layer++) {
            String l = p + "layers." + layer + ".";
            add(tensors, l + "input_layernorm.weight", Init.ONES, hidden);
            add(tensors, l + "input_layernorm.bias", Init.ZEROS, hidden);
            add(tensors, l + "self_attn.q_proj.weight", Init.RANDOM, hidden, hidden);
            add(tensors, l + "self_attn.q_proj.bias", Init.ZEROS, hidden);
            add(tensors, l + "self_attn.k_proj.weight", Init.RANDOM, kvRows, hidden);
            add(tensors, l + "self_attn.k_proj.bias", Init.ZEROS, kvRows);
            add(tensors, l + "self_attn.v_proj.weight", Init.RANDOM, kvRows, hidden);
            add(tensors, l + "self_attn.v_proj.bias", Init.ZEROS, kvRows);
            add(tensors, l + "self_attn.dense.weight", Init.RANDOM, hidden, hidden);
            add(tensors, l + "self_attn.dense.bias", Init.ZEROS, hidden);
            add(tensors, l + "mlp.fc1.weight", Init.RANDOM, inner, hidden);
            add(tensors, l + "mlp.fc1.bias", Init.ZEROS, inner);
            add(tensors, l + "mlp.fc2.weight", Init.RANDOM, hidden, inner);
            add(tensors, l + "mlp.fc2.bias", Init.ZEROS, hidden);
        }
        add(tensors, p + "final_layernorm.weight", Init.ONES, hidden);
        add(tensors, p + "final_layernorm.bias", Init.ZEROS, hidden);
        add(tensors, "lm_head.weight", Init.RANDOM, vocab, hidden);
        add(tensors, "lm_head.bias", Init.ZEROS, vocab);
    }

    static void gemma(ToLongFunction<String> number, List<TensorSpec> tensors) {
        long hidden = number.applyAsLong("hidden_size");
        long inner = number.applyAsLong("intermediate_size");
        long headDim = number.applyAsLong("head_dim");
        long qRows = number.applyAsLong("num_attention_heads") * headDim;
        long kvRows = number.applyAsLong("num_key_value_heads") * headDim;
        String p = "model.";
        add(tensors, p + "embed_tokens.weight", Init.RANDOM, number.applyAsLong("vocab_size"), hidden);
        for (int layer = 0; layer < number.applyAsLong("num_hidden_layers"); layer++) {
            String l = p + "layers." + layer + ".";
            // Gemma's RMSNorm scales by (1 + w): a zero w is the identity gain.
            add(tensors, l + "input_layernorm.weight", Init.ZEROS, hidden);
            add(tensors, l + "self_attn.q_proj.weight", Init.RANDOM, qRows, hidden);
            add(tensors, l + "self_attn.k_proj.weight", Init.RANDOM, kvRows, hidden);
            add(tensors, l + "self_attn.v_proj.weight", Init.RANDOM, kvRows, hidden);
            add(tensors, l + "self_attn.o_proj.weight", Init.RANDOM, hidden, qRows);
            add(tensors, l + "post_attention_layernorm.weight", Init.ZEROS, hidden);
            add(tensors, l + "mlp.gate_proj.weight", Init.RANDOM, inner, hidden);
            add(tensors, l + "mlp.up_proj.weight", Init.RANDOM, inner, hidden);
            add(tensors, l + "mlp.down_proj.weight", Init.RANDOM, hidden, inner);
        }
        add(tensors, p + "norm.weight", Init.ZEROS, hidden);
    }

    static void mpt(ToLongFunction<String> number, List<TensorSpec> tensors) {
        long hidden = number.applyAsLong("d_model");
        long inner = number.applyAsLong("expansion_ratio") * hidden;
        String p = "transformer.";
        add(tensors, p + "wte.weight", Init.RANDOM, number.applyAsLong("vocab_size"), hidden);
        for (int layer = 0; layer < number.applyAsLong("n_layers"); layer++) {
            String l = p + "blocks." + layer + ".";
            add(tensors, l + "norm_1.weight", Init.ONES, hidden);
            add(tensors, l + "attn.Wqkv.weight", Init.RANDOM, 3 * hidden, hidden);
            add(tensors, l + "attn.out_proj.weight", Init.RANDOM, hidden, hidden);
            add(tensors, l + "norm_2.weight", Init.ONES, hidden);
            add(tensors, l + "ffn.up_proj.weight", Init.RANDOM, inner, hidden);
            add(tensors, l + "ffn.down_proj.weight", Init.RANDOM, hidden, inner);
        }
        add(tensors, p + "norm_f.weight", Init.ONES, hidden);
    }

    static void openAiGpt(ToLongFunction<String> number, List<TensorSpec> tensors) {
        long hidden = number.applyAsLong("n_embd");
        String p = "transformer.";
        add(tensors, p + "tokens_embed.weight", Init.RANDOM, number.applyAsLong("vocab_size"), hidden);
        add(tensors, p + "positions_embed.weight", Init.RANDOM, number.applyAsLong("n_positions"), hidden);
        for (int layer = 0; layer < number.applyAsLong("n_layer"); layer++) {
            String l = p + "h." + layer + ".";
            // Conv1D weights are stored [in, out], as in GPT-2.
            add(tensors, l + "attn.c_attn.weight", Init.RANDOM, hidden, 3 * hidden);
            add(tensors, l + "attn.c_attn.bias", Init.ZEROS, 3 * hidden);
            add(tensors, l + "attn.c_proj.weight", Init.RANDOM, hidden, hidden);
            add(tensors, l + "attn.c_proj.bias", Init.ZEROS, hidden);
            add(tensors, l + "ln_1.weight", Init.ONES, hidden);
            add(tensors, l + "ln_1.bias", Init.ZEROS, hidden);
            add(tensors, l + "mlp.c_fc.weight", Init.RANDOM, hidden, 4 * hidden);
            add(tensors, l + "mlp.c_fc.bias", Init.ZEROS, 4 * hidden);
            add(tensors, l + "mlp.c_proj.weight", Init.RANDOM, 4 * hidden, hidden);
            add(tensors, l + "mlp.c_proj.bias", Init.ZEROS, hidden);
            add(tensors, l + "ln_2.weight", Init.ONES, hidden);
            add(tensors, l + "ln_2.bias", Init.ZEROS, hidden);
        }
    }
}
