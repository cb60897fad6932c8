package org.langscore.huggingface;

import java.util.List;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.KvCache;
import org.langscore.huggingface.model.ModelInfo;
import org.langscore.huggingface.model.ProductPrecision;
import org.langscore.huggingface.model.TokenScores;
import org.langscore.huggingface.model.TokenTree;

/**
 * A model that hands every call to a real one: tests extend it to record the calls a subject makes
 * (their batching, their token trees) while the numbers stay the real model's.
 */
abstract class ForwardingModel implements CausalLanguageModel {

    private final CausalLanguageModel model;

    /** @param model the real model, closed with this one */
    ForwardingModel(CausalLanguageModel model) {
        this.model = model;
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public KvCache newCache() {
        return model.newCache();
    }

    @Override
    public TokenScores forward(KvCache cache, int[] tokenIds, long[] positionIds, int[] targetIds, int attendWindow) {
        return model.forward(cache, tokenIds, positionIds, targetIds, attendWindow);
    }

    @Override
    public void encode(KvCache cache, int[] tokenIds, long[] positionIds, int attendWindow) {
        model.encode(cache, tokenIds, positionIds, attendWindow);
    }

    @Override
    public List<TokenScores> forwardIndependent(int[][] tokenIds, int[][] targetIds) {
        return model.forwardIndependent(tokenIds, targetIds);
    }

    @Override
    public TokenScores forwardTree(TokenTree tree) {
        return model.forwardTree(tree);
    }

    @Override
    public void useProducts(ProductPrecision precision) {
        model.useProducts(precision);
    }

    @Override
    public ProductPrecision products() {
        return model.products();
    }

    @Override
    public void close() {
        model.close();
    }
}
