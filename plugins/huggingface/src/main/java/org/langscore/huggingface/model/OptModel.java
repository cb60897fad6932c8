package org.langscore.huggingface.model;

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

    /** One layer's weights; the norms are null without {@code layer_norm_elementwise_affine}. */
    private record Block(LayerNorm attnNorm, QkvProjections qkv, Linear out, LayerNorm mlpNorm, Mlp mlp) {
    }

    private final OptConfig config;
    private final Weight tokenEmbedding;      // [V, P]  (P = word_embed_proj_dim)
    private final PositionTable positions;    // [M + 2, E]
    private final Linear projectIn;           // [E, P] or null
    private final Block[] blocks;
    private final LayerNorm finalNorm;        // [E] or null
    private final Linear projectOut;          // [P, E] or null

    private OptModel(NDManager root, WideningArena arena, ModelInfo info, OptConfig config, Weight tokenEmbedding,
                     PositionTable positions, Linear projectIn, Block[] blocks, LayerNorm finalNorm,
                     Linear projectOut, Weight head) {
        super(root, arena, info, config.layers(), 0, head);
        this.config = config;
        this.tokenEmbedding = tokenEmbedding;
        this.positions = positions;
        this.projectIn = projectIn;
        this.blocks = blocks;
        this.finalNorm = finalNorm;
        this.projectOut = projectOut;
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
        PositionTable positions = PositionTable.read(reader, "embed_positions.weight", config.maxPositionEmbeddings(),
                OptConfig.POSITION_OFFSET, e);
        Linear projectIn = config.projects() ? Linear.read(reader, "project_in", false, e, embed) : null;
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "layers." + l + ".";
            String a = p + "self_attn.";
            blocks[l] = new Block(
                    affine ? LayerNorm.read(reader, p + "self_attn_layer_norm", e) : null,
                    QkvProjections.read(reader, a, bias, e, e, e),
                    Linear.read(reader, a + "out_proj", bias, e, e),
                    affine ? LayerNorm.read(reader, p + "final_layer_norm", e) : null,
                    Mlp.read(reader, p + "fc1", p + "fc2", bias, inner, e));
        }
        LayerNorm finalNorm = config.finalLayerNorm() && affine ? LayerNorm.read(reader, "final_layer_norm", e) : null;
        Linear projectOut = config.projects() ? Linear.read(reader, "project_out", false, embed, e) : null;
        Weight head = reader.head("lm_head.weight", config.tieWordEmbeddings(), tokens, config.vocabSize(), embed);
        ModelInfo info = new ModelInfo(architecture, ModelFamily.OPT.modelType(),
                config.vocabSize(), config.maxPositionEmbeddings(), 0, true,
                reader.parameterCount());
        return new OptModel(root, reader.arena(), info, config, tokens, positions, projectIn, blocks, finalNorm,
                projectOut, head);
    }

    @Override
    NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positionIds, NDArray mask) {
        // 1. token embedding (projected in if narrower) plus the learned position at row p + 2
        NDArray x = TensorOps.embedding(ids, tokenEmbedding);                                 // [n, P]
        if (projectIn != null) {
            x = projectIn.apply(x);                                                           // [n, E]
        }
        x = x.add(positions.rows(step, positionIds));                                         // [n, E]
        x = throughLayers(step, x, (scope, l, input) -> block(scope, cache, l, input, mask));  // [n, E]
        // 4. final LayerNorm (pre-LN models), then project_out (the caller applies the tied head)
        if (config.finalLayerNorm()) {
            x = norm(x, finalNorm);                                                           // [n, E]
        }
        if (projectOut != null) {
            x = projectOut.apply(x);                                                          // [n, P]
        }
        return x;
    }

    /** One decoder layer, run in its own scope: {@code x} {@code [n, E]} in, {@code [n, E]} out. */
    private NDArray block(NDManager scope, LayerKvCache cache, int l, NDArray x, NDArray mask) {
        int heads = config.heads();
        int headDim = config.headDim();
        boolean before = config.layerNormBefore();
        Block b = blocks[l];
        // 2. attention (LayerNorm first in pre-LN blocks), residual add, LayerNorm after in post-LN blocks
        NDArray h = before ? norm(x, b.attnNorm()) : x;                                           // [n, E]
        NDArray[] qkv = b.qkv().perHead(h, heads, heads, headDim);                                // 3 x [H, n, d]
        NDArray attended = Attention.overCache(scope, cache, l, qkv[0], qkv[1], qkv[2], mask,
                Math.sqrt(headDim));                                                              // [n, E]
        x = b.out().apply(attended, Epilogue.PLUS, x);                                        // [n, E]
        if (!before) {
            x = norm(x, b.attnNorm());                                                            // [n, E]
        }
        // 3. ReLU MLP, residual add, with the second LayerNorm before or after
        NDArray m = before ? norm(x, b.mlpNorm()) : x;                                            // [n, E]
        x = b.mlp().apply(m, config.activation(), x);                                         // [n, E]
        if (!before) {
            x = norm(x, b.mlpNorm());                                                             // [n, E]
        }
        return x;
    }

    /** LayerNorm with the stored gain and bias, or without either ({@code layer_norm_elementwise_affine} false). */
    private static NDArray norm(NDArray x, LayerNorm norm) {
        if (norm == null) {
            NDManager scope = x.getManager();
            Shape width = new Shape(x.getShape().get(x.getShape().dimension() - 1));
            return TensorOps.layerNorm(x, scope.ones(width), scope.zeros(width), OptConfig.LAYER_NORM_EPS);
        }
        return norm.apply(x, OptConfig.LAYER_NORM_EPS);
    }
}
