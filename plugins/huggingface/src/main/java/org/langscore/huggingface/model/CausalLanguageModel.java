package org.langscore.huggingface.model;

/**
 * A loaded causal language model: immutable weights plus the forward pass of one architecture
 * family. Per-sequence state lives in a {@link KvCache}, never here, so that one model serves many
 * sequences (one at a time per cache). Log-probabilities are natural-log.
 */
public interface CausalLanguageModel extends AutoCloseable {

    /** @return the facts of the model read from its configuration */
    ModelInfo info();

    /** @return a new, empty KV cache; the caller closes it */
    KvCache newCache();

    /**
     * Runs new tokens after what the cache holds and appends their keys and values to it.
     *
     * <p>Token {@code i} of the call attends to itself, the earlier new tokens and the cached entries,
     * limited to the {@code attendWindow} most recent keys ending at itself (a banded causal mask;
     * {@code attendWindow <= 0} means no limit).
     *
     * @param cache the sequence's cache (grows by {@code tokenIds.length})
     * @param tokenIds the new tokens, {@code [n]}
     * @param positionIds the position of each new token, {@code [n]}: the row of the learned position
     *     table (GPT-2) or the rotary angle index (the others); need not follow the cache length
     * @param targetIds for each new token the id whose log-probability is wanted next, or -1 for none
     * @param attendWindow the largest number of keys a token may attend to, itself included
     * @return per new token: ln p(target | everything it saw) (NaN where the target is -1) and the argmax
     *     next-token id
     */
    TokenScores forward(KvCache cache, int[] tokenIds, long[] positionIds, int[] targetIds, int attendWindow);

    /**
     * Runs new tokens only to extend the cache, as {@link #forward} does, without computing any
     * prediction (re-encoding context whose scores are already known). Implementations may skip the
     * output layer.
     *
     * @param cache the sequence's cache (grows by {@code tokenIds.length})
     * @param tokenIds the new tokens, {@code [n]}
     * @param positionIds the position of each new token, {@code [n]}
     * @param attendWindow the largest number of keys a token may attend to, itself included
     */
    default void encode(KvCache cache, int[] tokenIds, long[] positionIds, int attendWindow) {
        int[] noTargets = new int[tokenIds.length];
        java.util.Arrays.fill(noTargets, -1);
        forward(cache, tokenIds, positionIds, noTargets, attendWindow);
    }

    /**
     * Scores independent sequences, each from an empty context with positions {@code 0..n-1}: the result
     * of sequence {@code s} is that of {@link #forward} on it alone with a fresh cache and no window. An
     * implementation may run them in one batched call; nothing of one sequence is ever seen by another.
     * By default one {@link #forward} per sequence.
     *
     * @param tokenIds the sequences, each {@code [n_s]} with {@code n_s >= 1}
     * @param targetIds per sequence and token the id whose log-probability is wanted next, or -1
     * @return per sequence, as {@link #forward} returns
     */
    default java.util.List<TokenScores> forwardIndependent(int[][] tokenIds, int[][] targetIds) {
        if (targetIds.length != tokenIds.length) {
            throw new IllegalArgumentException("forwardIndependent needs one target array per sequence, got "
                    + targetIds.length + " for " + tokenIds.length);
        }
        java.util.List<TokenScores> results = new java.util.ArrayList<>(tokenIds.length);
        for (int s = 0; s < tokenIds.length; s++) {
            long[] positions = new long[tokenIds[s].length];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = i;
            }
            try (KvCache cache = newCache()) {
                results.add(forward(cache, tokenIds[s], positions, targetIds[s], 0));
            }
        }
        return results;
    }

    /**
     * Scores the sequences of a token tree, each shared prefix once: the result of node {@code i} is that of
     * {@link #forward} on the path from its root to it alone, with a fresh cache, positions {@code 0..depth}
     * and no window (the model's own window applies). An implementation may run the whole tree in one call,
     * each node seeing exactly its ancestors; by default every root-to-leaf path is one sequence of
     * {@link #forwardIndependent} and a node takes the result of the first path through it.
     *
     * @param tree the tokens, their parents and targets
     * @return per node, in node order: ln p(target | its path) (NaN where the target is -1) and the argmax
     */
    default TokenScores forwardTree(TokenTree tree) {
        int[] leaves = tree.leaves();
        int[][] paths = new int[leaves.length][];
        int[][] ids = new int[leaves.length][];
        int[][] targets = new int[leaves.length][];
        for (int s = 0; s < leaves.length; s++) {
            paths[s] = tree.path(leaves[s]);
            ids[s] = new int[paths[s].length];
            targets[s] = new int[paths[s].length];
            for (int i = 0; i < paths[s].length; i++) {
                ids[s][i] = tree.ids()[paths[s][i]];
                targets[s][i] = tree.targets()[paths[s][i]];
            }
        }
        java.util.List<TokenScores> scores = forwardIndependent(ids, targets);
        double[] logProbs = new double[tree.size()];
        int[] argmax = new int[tree.size()];
        boolean[] done = new boolean[tree.size()];
        for (int s = 0; s < leaves.length; s++) {
            for (int i = 0; i < paths[s].length; i++) {
                int node = paths[s][i];
                if (!done[node]) {
                    logProbs[node] = scores.get(s).logProbs()[i];
                    argmax[node] = scores.get(s).argmax()[i];
                    done[node] = true;
                }
            }
        }
        return new TokenScores(logProbs, argmax);
    }

    /**
     * Sets the number type of the weight products for every later forward call (float32 by default).
     *
     * @param precision the precision
     * @throws UnsupportedOperationException when the model computes in float32 only
     */
    default void useProducts(ProductPrecision precision) {
        if (precision != ProductPrecision.FLOAT32) {
            throw new UnsupportedOperationException(info().architecture() + " computes in float32 only");
        }
    }

    /** @return the number type of the weight products */
    default ProductPrecision products() {
        return ProductPrecision.FLOAT32;
    }

    /**
     * @return the number type of attention's two products (scores and weighted sum): float32, or bfloat16 in
     *     a bfloat16 run where the CPU makes that faster (see {@link TensorOps#BFLOAT16_ATTENTION})
     */
    default ProductPrecision attentionProducts() {
        return ProductPrecision.FLOAT32;
    }

    /**
     * Sets whether later float32 products use matrices packed once for oneDNN and kept (4 bytes per weight
     * of resident memory; see {@link PackedProducts}) instead of the stored weights read layer by layer.
     * Both give float32 results; only the summation order differs.
     *
     * @param packed true to pack
     * @throws UnsupportedOperationException when the model has no packed products
     */
    default void usePackedWeights(boolean packed) {
        if (packed) {
            throw new UnsupportedOperationException(info().architecture() + " has no packed weights");
        }
    }

    /** @return whether float32 products use packed matrices */
    default boolean packedWeights() {
        return false;
    }

    /** Releases the weights. */
    @Override
    void close();
}
