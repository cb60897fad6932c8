package org.langscore.huggingface.model;

import java.nio.LongBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@code OpenAIGPTLMHeadModel} (GPT-1): learned positions, <b>post</b>-LayerNorm blocks
 * ({@code n = LN_1(x + attn(x))}, {@code x' = LN_2(n + mlp(n))}), GPT-2's Conv1D projections, tanh
 * GELU, no final LayerNorm, tied head. transformers has no KV cache for it; langscore's cache gives the
 * numbers of a full pass.
 */
final class OpenAiGptModel extends DecoderModel {

    private record Block(Weight qkvWeight, Weight qkvBias, Weight attnOutWeight, Weight attnOutBias,
                         Weight ln1Weight, Weight ln1Bias, Weight fcWeight, Weight fcBias,
                         Weight mlpOutWeight, Weight mlpOutBias, Weight ln2Weight, Weight ln2Bias) {
    }

    private final OpenAiGptConfig config;
    private final Weight tokenEmbedding;      // [V, E]
    private final Weight positionEmbedding;   // [P, E]
    private final Block[] blocks;
    private final Weight head;                // [V, E]

    private OpenAiGptModel(NDManager root, WideningArena arena, ModelInfo info, OpenAiGptConfig config,
                           Weight tokenEmbedding, Weight positionEmbedding, Block[] blocks, Weight head) {
        super(root, arena, info, config.layers(), 0);
        this.config = config;
        this.tokenEmbedding = tokenEmbedding;
        this.positionEmbedding = positionEmbedding;
        this.blocks = blocks;
        this.head = head;
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
        long inner = config.innerSize();
        Weight tokens = reader.base("tokens_embed.weight", config.vocabSize(), e);
        Weight positions = reader.base("positions_embed.weight", config.positions(), e);
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "h." + l + ".";
            // Conv1D weights are stored [in, out]: used transposed so that linear applies them.
            blocks[l] = new Block(
                    reader.base(p + "attn.c_attn.weight", e, 3 * e).transposed(), reader.base(p + "attn.c_attn.bias", 3 * e),
                    reader.base(p + "attn.c_proj.weight", e, e).transposed(), reader.base(p + "attn.c_proj.bias", e),
                    reader.base(p + "ln_1.weight", e), reader.base(p + "ln_1.bias", e),
                    reader.base(p + "mlp.c_fc.weight", e, inner).transposed(), reader.base(p + "mlp.c_fc.bias", inner),
                    reader.base(p + "mlp.c_proj.weight", inner, e).transposed(), reader.base(p + "mlp.c_proj.bias", e),
                    reader.base(p + "ln_2.weight", e), reader.base(p + "ln_2.bias", e));
        }
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), tokens, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.OPENAI_GPT.modelType(),
                config.vocabSize(), config.positions(), 0, true,
                reader.parameterCount());
        return new OpenAiGptModel(root, reader.arena(), info, config, tokens, positions, blocks, head);
    }

    @Override
    void checkPositions(long[] positions) {
        for (long p : positions) {
            if (p >= config.positions()) {
                throw positionError("Position " + p + " is beyond GPT-1's learned position table (n_positions "
                        + config.positions() + "); use a context policy whose window is at most " + config.positions());
            }
        }
    }

    @Override
    Weight head() {
        return head;
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask) {
        long n = positions.length;
        // 1. token embedding plus the learned position row of each token
        NDArray positionIds = step.create(LongBuffer.wrap(positions), new Shape(n));          // [n]
        NDArray x = TensorOps.embedding(ids, tokenEmbedding)                                    // [n, E]
                .add(TensorOps.embedding(positionIds, positionEmbedding));
        for (int l = 0; l < blocks.length; l++) {
            int layer = l;
            x = inLayerScope(step, x, (scope, input) -> block(scope, cache, layer, input, mask));
        }
        // 4. no final LayerNorm: the last block ends with one (the caller applies the tied head)
        return x;
    }

    /** One post-LN block, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray mask) {
        long n = x.getShape().get(0);
        int heads = config.heads();
        int headDim = config.headDim();
        double eps = config.layerNormEps();
        Block b = blocks[l];
        // 2. attention on the block input itself; q, k, v are column blocks of the fused projection
        NDList qkv = TensorOps.linear(x, b.qkvWeight(), b.qkvBias()).split(3, 1);               // 3 x [n, E]
        NDArray q = qkv.get(0).reshape(n, heads, headDim).transpose(1, 0, 2);                   // [H, n, d]
        NDArray k = qkv.get(1).reshape(n, heads, headDim).transpose(1, 0, 2);                   // [H, n, d]
        NDArray v = qkv.get(2).reshape(n, heads, headDim).transpose(1, 0, 2);                   // [H, n, d]
        NDArray[] kv = cache.append(l, k, v, scope);                                           // 2 x [H, L, d]
        NDArray attended = TensorOps.attention(q, kv[0], kv[1], mask, Math.sqrt(headDim));    // [n, E]
        NDArray a = TensorOps.linear(attended, b.attnOutWeight(), b.attnOutBias());          // [n, E]
        // 3. post-LN: n = LN_1(x + a), then LN_2(n + mlp(n))
        NDArray normed = TensorOps.layerNorm(x.add(a), b.ln1Weight(), b.ln1Bias(), eps);      // [n, E]
        NDArray m = config.activation().apply(TensorOps.linear(normed, b.fcWeight(), b.fcBias()));  // [n, 4E]
        m = TensorOps.linear(m, b.mlpOutWeight(), b.mlpOutBias());                           // [n, E]
        return TensorOps.layerNorm(normed.add(m), b.ln2Weight(), b.ln2Bias(), eps);          // [n, E]
    }
}
