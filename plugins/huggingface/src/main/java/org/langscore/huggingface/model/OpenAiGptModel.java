package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@code OpenAIGPTLMHeadModel} (GPT-1): learned positions, <b>post</b>-LayerNorm blocks
 * ({@code n = LN_1(x + attn(x))}, {@code x' = LN_2(n + mlp(n))}), GPT-2's Conv1D projections, tanh
 * GELU, no final LayerNorm, tied head. transformers has no KV cache for it; langscore's cache gives the
 * numbers of a full pass.
 */
final class OpenAiGptModel extends DecoderModel {

    private final OpenAiGptConfig config;
    private final LearnedEmbeddings embeddings;   // [V, E] and [P, E]
    private final Gpt2Block[] blocks;

    private OpenAiGptModel(NDManager root, WideningArena arena, ModelInfo info, OpenAiGptConfig config,
                           LearnedEmbeddings embeddings, Gpt2Block[] blocks, Weight head) {
        super(root, arena, info, config.layers(), 0, head);
        this.config = config;
        this.embeddings = embeddings;
        this.blocks = blocks;
    }

    /**
     * Reads the weights.
     *
     * @param config the configuration
     * @param reader the weight reader (prefix {@code transformer.})
     * @param root the model's manager
     * @param architecture the config's architecture name
     */
    static OpenAiGptModel load(OpenAiGptConfig config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        Weight tokens = reader.base("tokens_embed.weight", config.vocabSize(), e);
        PositionTable positions = PositionTable.read(reader, "positions_embed.weight", config.positions(), 0, e);
        // GPT-2's block layout; its LayerNorms come after each sublayer here
        Gpt2Block[] blocks = new Gpt2Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            blocks[l] = Gpt2Block.read(reader, "h." + l + ".", e, config.innerSize());
        }
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), tokens, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.OPENAI_GPT.modelType(),
                config.vocabSize(), config.positions(), 0, true,
                reader.parameterCount());
        return new OpenAiGptModel(root, reader.arena(), info, config, new LearnedEmbeddings(tokens, positions), blocks,
                head);
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        // 1. token embedding plus the learned position row of each token
        NDArray x = embeddings.embed(step, ids, positions);                                     // [n, E]
        x = throughLayers(step, x, (scope, l, input) -> block(scope, cache, l, input, mask));         // [n, E]
        // 4. no final LayerNorm: the last block ends with one (the caller applies the tied head)
        return x;
    }

    /** One post-LN block, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray mask) {
        int headDim = config.headDim();
        double eps = config.layerNormEps();
        Gpt2Block b = blocks[l];
        // 2. attention on the block input itself; q, k, v are column blocks of the fused projection
        NDArray[] qkv = Attention.columnBlocks(b.qkv().apply(x), config.heads(), headDim);     // 3 x [H, n, d]
        NDArray attended = Attention.overCache(scope, cache, l, qkv[0], qkv[1], qkv[2], mask,
                Math.sqrt(headDim));                                                           // [n, E]
        // 3. post-LN: n = LN_1(x + a), then LN_2(n + mlp(n))
        NDArray normed = b.ln1().apply(b.attnOut().apply(attended, Epilogue.PLUS, x), eps);     // [n, E]
        return b.ln2().apply(b.mlp().apply(normed, config.activation(), normed), eps);          // [n, E]
    }
}
