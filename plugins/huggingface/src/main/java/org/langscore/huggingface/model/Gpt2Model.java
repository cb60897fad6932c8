package org.langscore.huggingface.model;

import java.nio.LongBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@code GPT2LMHeadModel} (gpt2, distilgpt2): learned absolute positions, pre-LayerNorm blocks, fused
 * Conv1D q/k/v projection split in column blocks, tanh GELU, tied head.
 */
final class Gpt2Model extends DecoderModel {

    /** One block's weights; Conv1D weights are used transposed so that {@code linear} applies them. */
    private record Block(Weight ln1Weight, Weight ln1Bias, Weight qkvWeight, Weight qkvBias,
                         Weight attnOutWeight, Weight attnOutBias, Weight ln2Weight, Weight ln2Bias,
                         Weight fcWeight, Weight fcBias, Weight mlpOutWeight, Weight mlpOutBias) {
    }

    private final Gpt2Config config;
    private final Weight tokenEmbedding;      // [V, E]
    private final Weight positionEmbedding;   // [P, E]
    private final Block[] blocks;
    private final Weight finalNormWeight;
    private final Weight finalNormBias;
    private final Weight head;                // [V, E]

    private Gpt2Model(NDManager root, WideningArena arena, ModelInfo info, Gpt2Config config, Weight tokenEmbedding,
                      Weight positionEmbedding, Block[] blocks, Weight finalNormWeight, Weight finalNormBias,
                      Weight head) {
        super(root, arena, info, config.layers(), 0);
        this.config = config;
        this.tokenEmbedding = tokenEmbedding;
        this.positionEmbedding = positionEmbedding;
        this.blocks = blocks;
        this.finalNormWeight = finalNormWeight;
        this.finalNormBias = finalNormBias;
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
    static Gpt2Model load(Gpt2Config config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        long inner = config.innerSize();
        Weight wte = reader.base("wte.weight", config.vocabSize(), e);
        Weight wpe = reader.base("wpe.weight", config.positions(), e);
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "h." + l + ".";
            blocks[l] = new Block(
                    reader.base(p + "ln_1.weight", e), reader.base(p + "ln_1.bias", e),
                    reader.base(p + "attn.c_attn.weight", e, 3 * e).transposed(), reader.base(p + "attn.c_attn.bias", 3 * e),
                    reader.base(p + "attn.c_proj.weight", e, e).transposed(), reader.base(p + "attn.c_proj.bias", e),
                    reader.base(p + "ln_2.weight", e), reader.base(p + "ln_2.bias", e),
                    reader.base(p + "mlp.c_fc.weight", e, inner).transposed(), reader.base(p + "mlp.c_fc.bias", inner),
                    reader.base(p + "mlp.c_proj.weight", inner, e).transposed(), reader.base(p + "mlp.c_proj.bias", e));
        }
        Weight lnfWeight = reader.base("ln_f.weight", e);
        Weight lnfBias = reader.base("ln_f.bias", e);
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), wte, config.vocabSize(), e);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.GPT2.modelType(),
                config.vocabSize(), config.positions(), 0, true,
                reader.parameterCount());
        return new Gpt2Model(root, reader.arena(), info, config, wte, wpe, blocks, lnfWeight, lnfBias, head);
    }

    @Override
    void checkPositions(long[] positions) {
        for (long p : positions) {
            if (p >= config.positions()) {
                throw positionError("Position " + p + " is beyond GPT-2's learned position table (n_positions "
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
        NDArray positionIds = step.create(LongBuffer.wrap(positions), new Shape(n));         // [n]
        NDArray x = TensorOps.embedding(ids, tokenEmbedding)                                   // [n, E]
                .add(TensorOps.embedding(positionIds, positionEmbedding));
        for (int l = 0; l < blocks.length; l++) {
            int layer = l;
            x = inLayerScope(step, x, (scope, input) -> block(scope, cache, layer, input, null, mask));
        }
        // 5. final LayerNorm (the caller applies the tied head)
        return TensorOps.layerNorm(x, finalNormWeight, finalNormBias, config.layerNormEps());       // [n, E]
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray[] rope, NDArray mask) {
        long n = x.getShape().get(0);
        int heads = config.heads();
        int headDim = config.headDim();
        Block b = blocks[l];
        // 2. attention on the first LayerNorm; q, k, v are column blocks of the fused projection
        NDArray h = TensorOps.layerNorm(x, b.ln1Weight(), b.ln1Bias(), config.layerNormEps());   // [n, E]
        NDList qkv = TensorOps.linear(h, b.qkvWeight(), b.qkvBias()).split(3, 1);                 // 3 x [n, E]
        NDArray q = qkv.get(0).reshape(n, heads, headDim).transpose(1, 0, 2);                    // [H, n, d]
        NDArray k = qkv.get(1).reshape(n, heads, headDim).transpose(1, 0, 2);                    // [H, n, d]
        NDArray v = qkv.get(2).reshape(n, heads, headDim).transpose(1, 0, 2);                    // [H, n, d]
        NDArray[] kv = cache.append(l, k, v, scope);                                            // 2 x [H, L, d]
        double divisor = (config.scaleAttnWeights() ? Math.sqrt(headDim) : 1.0)
                * (config.scaleAttnByInverseLayerIdx() ? l + 1 : 1);
        NDArray attended = TensorOps.attention(q, kv[0], kv[1], mask, divisor);               // [n, E]
        // 3. residual add of the output projection
        x = x.add(TensorOps.linear(attended, b.attnOutWeight(), b.attnOutBias()));           // [n, E]
        // 4. MLP on the second LayerNorm, residual add
        NDArray m = TensorOps.layerNorm(x, b.ln2Weight(), b.ln2Bias(), config.layerNormEps());  // [n, E]
        m = config.activation().apply(TensorOps.linear(m, b.fcWeight(), b.fcBias()));          // [n, I]
        x = x.add(TensorOps.linear(m, b.mlpOutWeight(), b.mlpOutBias()));                     // [n, E]
        return x;
    }
}
