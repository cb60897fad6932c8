package org.langscore.huggingface;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.KvCache;
import org.langscore.huggingface.model.ModelInfo;
import org.langscore.huggingface.model.TokenScores;

/**
 * A hand-written fake model for tests of the subject's alignment and aggregation: it has facts but no
 * forward pass (the {@link ArithmeticPolicy} that scores with it never runs one), and records closing.
 */
final class InfoOnlyModel implements CausalLanguageModel {
    private final ModelInfo info;
    private boolean closed;

    InfoOnlyModel(ModelInfo info) {
        this.info = info;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public KvCache newCache() {
        throw new UnsupportedOperationException("the fake model has no forward pass");
    }

    @Override
    public TokenScores forward(KvCache cache, int[] tokenIds, long[] positionIds, int[] targetIds, int attendWindow) {
        throw new UnsupportedOperationException("the fake model has no forward pass");
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }
}
