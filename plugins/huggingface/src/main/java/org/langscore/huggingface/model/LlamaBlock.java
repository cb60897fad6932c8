package org.langscore.huggingface.model;

/**
 * One layer's weights in Llama's layout, which Mistral, Qwen2 and Gemma share: a norm before attention,
 * separate q/k/v projections and {@code o_proj}, a norm before the MLP, a gated MLP. The norms are gains
 * only ({@code [E]}); how they are applied is the family's (RMSNorm, Gemma's {@code (1 + w)}).
 *
 * @param inputNorm {@code input_layernorm}, {@code [E]}
 * @param qkv {@code self_attn.q_proj}, {@code k_proj}, {@code v_proj}
 * @param o {@code self_attn.o_proj}, {@code [E, H·d]}
 * @param postNorm {@code post_attention_layernorm}, {@code [E]}
 * @param mlp {@code mlp.gate_proj}, {@code up_proj}, {@code down_proj}
 */
record LlamaBlock(Weight inputNorm, QkvProjections qkv, Linear o, Weight postNorm, GatedMlp mlp) {

    /**
     * @param reader the model's weight reader
     * @param prefix the layer's name prefix ({@code layers.0.})
     * @param width E
     * @param qRows {@code H·d}
     * @param kvRows {@code Hkv·d}
     * @param inner I
     * @param qkvBias whether q, k and v have biases
     * @param oBias whether {@code o_proj} has a bias
     * @param mlpBias whether the MLP's projections have biases
     * @return the layer's weights
     */
    static LlamaBlock read(WeightReader reader, String prefix, long width, long qRows, long kvRows, long inner,
                           boolean qkvBias, boolean oBias, boolean mlpBias) {
        return new LlamaBlock(reader.base(prefix + "input_layernorm.weight", width),
                QkvProjections.read(reader, prefix + "self_attn.", qkvBias, qRows, kvRows, width),
                Linear.read(reader, prefix + "self_attn.o_proj", oBias, width, qRows),
                reader.base(prefix + "post_attention_layernorm.weight", width),
                GatedMlp.read(reader, prefix + "mlp.", mlpBias, inner, width));
    }
}
