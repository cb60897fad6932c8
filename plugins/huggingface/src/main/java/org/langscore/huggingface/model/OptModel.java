package org.langscore.huggingface.model;

import java.nio.LongBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@code OPTForCausalLM}: learned positions read at row {@code p + 2} (OPT's offset), separate biased
 * q/k/v projections, ReLU MLP, pre-LN blocks (post-LN when {@code do_layer_norm_before} is false, as in
 * opt-350m), {@code project_in}/{@code project_out} when the embedding width differs from the hidden
 * size, tied head.
 */
final class OptModel extends DecoderModel {

    private record Block(Weight attnNormWeight, Weight attnNormBias, Weight qWeight, Weight qBias, Weight kWeight,
                         Weight kBias, Weight vWeight, Weight vBias, Weight outWeight, Weight outBias,
                         Weight mlpNormWeight, Weight mlpNormBias, Weight fc1Weight, Weight fc1Bias,
                         Weight fc2Weight, Weight fc2Bias) {
    }

    private final OptConfig config;
    private final Weight tokenEmbedding;      // [V, P]  (P = word_embed_proj_dim)
    private final Weight positionEmbedding;   // [M + 2, E]
    private final Weight projectIn;           // [E, P] or null
    private final Block[] blocks;
    private final Weight finalNormWeight;     // [E] or null
    private final Weight finalNormBias;       // [E] or null
    private final Weight projectOut;          // [P, E] or null
    private final Weight head;                // [V, P]

    private OptModel(NDManager root, WideningArena arena, ModelInfo info, OptConfig config, Weight tokenEmbedding,
                     Weight positionEmbedding, Weight projectIn, Block[] blocks, Weight finalNormWeight,
                     Weight finalNormBias, Weight projectOut, Weight head) {
        super(root, arena, info, config.layers(), 0);
        this.config = config;
        this.tokenEmbedding = tokenEmbedding;
        this.positionEmbedding = positionEmbedding;
        this.projectIn = projectIn;
        this.blocks = blocks;
        this.finalNormWeight = finalNormWeight;
        this.finalNormBias = finalNormBias;
        this.projectOut = projectOut;
        this.head = head;
    }

    /**
     * Reads the weights.
     *
     * @param config the configuration
     * @param reader the weight reader (prefix {@code model.decoder.})
     * @param root the model's manager
     * @param architecture the config's architecture name
     */
    static OptModel load(OptConfig config, WeightReader reader, NDManager root, String architecture) {
        long e = config.hiddenSize();
        long inner = config.ffnDim();
        long embed = config.wordEmbedProjDim();
        boolean bias = config.bias();
        boolean affine = config.elementwiseAffine();
        Weight tokens = reader.base("embed_tokens.weight", config.vocabSize(), embed);
        Weight positions = reader.base("embed_positions.weight",
                config.maxPositionEmbeddings() + OptConfig.POSITION_OFFSET, e);
        Weight projectIn = config.projects() ? reader.base("project_in.weight", e, embed) : null;
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "layers." + l + ".";
            String a = p + "self_attn.";
            blocks[l] = new Block(
                    affine ? reader.base(p + "self_attn_layer_norm.weight", e) : null,
                    affine ? reader.base(p + "self_attn_layer_norm.bias", e) : null,
                    reader.base(a + "q_proj.weight", e, e), bias ? reader.base(a + "q_proj.bias", e) : null,
                    reader.base(a + "k_proj.weight", e, e), bias ? reader.base(a + "k_proj.bias", e) : null,
                    reader.base(a + "v_proj.weight", e, e), bias ? reader.base(a + "v_proj.bias", e) : null,
                    reader.base(a + "out_proj.weight", e, e), bias ? reader.base(a + "out_proj.bias", e) : null,
                    affine ? reader.base(p + "final_layer_norm.weight", e) : null,
                    affine ? reader.base(p + "final_layer_norm.bias", e) : null,
                    reader.base(p + "fc1.weight", inner, e), bias ? reader.base(p + "fc1.bias", inner) : null,
                    reader.base(p + "fc2.weight", e, inner), bias ? reader.base(p + "fc2.bias", e) : null);
        }
        boolean finalNorm = config.finalLayerNorm() && affine;
        Weight normWeight = finalNorm ? reader.base("final_layer_norm.weight", e) : null;
        Weight normBias = finalNorm ? reader.base("final_layer_norm.bias", e) : null;
        Weight projectOut = config.projects() ? reader.base("project_out.weight", embed, e) : null;
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), tokens, config.vocabSize(), embed);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.OPT.modelType(),
                config.vocabSize(), config.maxPositionEmbeddings(), 0, true,
                reader.parameterCount());
        return new OptModel(root, reader.arena(), info, config, tokens, positions, projectIn, blocks, normWeight,
                normBias, projectOut, head);
    }

    @Override
    void checkPositions(long[] positions) {
        for (long p : positions) {
            if (p >= config.maxPositionEmbeddings()) {
                throw positionError("Position " + p + " is beyond OPT's learned position table (max_position_embeddings "
                        + config.maxPositionEmbeddings() + "); use a context policy whose window is at most "
                        + config.maxPositionEmbeddings());
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
        // 1. token embedding (projected in if narrower) plus the learned position at row p + 2
        long[] rows = new long[positions.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = positions[i] + OptConfig.POSITION_OFFSET;
        }
        NDArray positionRows = step.create(LongBuffer.wrap(rows), new Shape(n));             // [n]
        NDArray x = TensorOps.embedding(ids, tokenEmbedding);                                 // [n, P]
        if (projectIn != null) {
            x = TensorOps.linear(x, projectIn, null);                                         // [n, E]
        }
        x = x.add(TensorOps.embedding(positionRows, positionEmbedding));                      // [n, E]
        for (int l = 0; l < blocks.length; l++) {
            int layer = l;
            x = inLayerScope(step, x, (scope, input) -> block(scope, cache, layer, input, mask));
        }
        // 4. final LayerNorm (pre-LN models), then project_out (the caller applies the tied head)
        if (config.finalLayerNorm()) {
            x = norm(x, finalNormWeight, finalNormBias);                                       // [n, E]
        }
        if (projectOut != null) {
            x = TensorOps.linear(x, projectOut, null);                                        // [n, P]
        }
        return x;
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray mask) {
        long n = x.getShape().get(0);
        int heads = config.heads();
        int headDim = config.headDim();
        boolean before = config.layerNormBefore();
        Block b = blocks[l];
        // 2. attention (LayerNorm first in pre-LN blocks), residual add, LayerNorm after in post-LN blocks
        NDArray h = before ? norm(x, b.attnNormWeight(), b.attnNormBias()) : x;                 // [n, E]
        NDArray q = TensorOps.linear(h, b.qWeight(), b.qBias()).reshape(n, heads, headDim).transpose(1, 0, 2);
        NDArray k = TensorOps.linear(h, b.kWeight(), b.kBias()).reshape(n, heads, headDim).transpose(1, 0, 2);
        NDArray v = TensorOps.linear(h, b.vWeight(), b.vBias()).reshape(n, heads, headDim).transpose(1, 0, 2);
        NDArray[] kv = cache.append(l, k, v, scope);                                              // 2 x [H, L, d]
        NDArray attended = TensorOps.attention(q, kv[0], kv[1], mask, Math.sqrt(headDim));       // [n, E]
        x = x.add(TensorOps.linear(attended, b.outWeight(), b.outBias()));                       // [n, E]
        if (!before) {
            x = norm(x, b.attnNormWeight(), b.attnNormBias());
        }
        // 3. ReLU MLP, residual add, with the second LayerNorm before or after
        NDArray m = before ? norm(x, b.mlpNormWeight(), b.mlpNormBias()) : x;                     // [n, E]
        m = config.activation().apply(TensorOps.linear(m, b.fc1Weight(), b.fc1Bias()));          // [n, I]
        x = x.add(TensorOps.linear(m, b.fc2Weight(), b.fc2Bias()));                              // [n, E]
        if (!before) {
            x = norm(x, b.mlpNormWeight(), b.mlpNormBias());
        }
        return x;
    }

    /** LayerNorm with the stored gain and bias, or without either ({@code layer_norm_elementwise_affine} false). */
    private static NDArray norm(NDArray x, Weight weight, Weight bias) {
        if (weight == null) {
            NDManager scope = x.getManager();
            Shape width = new Shape(x.getShape().get(x.getShape().dimension() - 1));
            return TensorOps.layerNorm(x, scope.ones(width), scope.zeros(width), OptConfig.LAYER_NORM_EPS);
        }
        return TensorOps.layerNorm(x, weight, bias, OptConfig.LAYER_NORM_EPS);
    }
}
