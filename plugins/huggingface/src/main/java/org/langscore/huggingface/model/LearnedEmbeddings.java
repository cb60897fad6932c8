package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The input of the families with a learned position table (GPT-2, GPT-1, GPT-Neo): each token's row of
 * the token table plus its position's row of the position table.
 *
 * @param tokens the token table, {@code [V, E]} (the output layer too when tied)
 * @param positions the position table
 */
record LearnedEmbeddings(Weight tokens, PositionTable positions) {

    /**
     * @param step the call's manager
     * @param ids the token ids, {@code [n]}
     * @param positionIds the tokens' positions
     * @return the layers' input, {@code [n, E]}
     */
    NDArray embed(NDManager step, NDArray ids, long[] positionIds) {
        return TensorOps.embedding(ids, tokens).add(positions.rows(step, positionIds));  // [n, E]
    }
}
