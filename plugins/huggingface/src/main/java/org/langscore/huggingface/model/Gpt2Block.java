package org.langscore.huggingface.model;

/**
 * One block's weights in GPT-2's layout, which GPT-1 shares (GPT-2 uses them pre-LN, GPT-1 post-LN):
 * Conv1D projections stored {@code [in, out]} and used transposed.
 *
 * @param ln1 {@code ln_1}, {@code [E]}
 * @param qkv {@code attn.c_attn}: q, k and v as column blocks, {@code [3E, E]}
 * @param attnOut {@code attn.c_proj}, {@code [E, E]}
 * @param ln2 {@code ln_2}, {@code [E]}
 * @param mlp {@code mlp.c_fc} {@code [I, E]} and {@code mlp.c_proj} {@code [E, I]}
 */
record Gpt2Block(LayerNorm ln1, Linear qkv, Linear attnOut, LayerNorm ln2, Mlp mlp) {

    /**
     * @param reader the model's weight reader
     * @param prefix the block's name prefix ({@code h.0.})
     * @param width E
     * @param inner I
     * @return the block's weights
     */
    static Gpt2Block read(WeightReader reader, String prefix, long width, long inner) {
        return new Gpt2Block(LayerNorm.read(reader, prefix + "ln_1", width),
                Linear.conv1d(reader, prefix + "attn.c_attn", width, 3 * width),
                Linear.conv1d(reader, prefix + "attn.c_proj", width, width),
                LayerNorm.read(reader, prefix + "ln_2", width),
                new Mlp(Linear.conv1d(reader, prefix + "mlp.c_fc", width, inner),
                        Linear.conv1d(reader, prefix + "mlp.c_proj", inner, width)));
    }
}
