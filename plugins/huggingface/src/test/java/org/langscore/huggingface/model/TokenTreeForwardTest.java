package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CausalLanguageModel#forwardTree}: every node's log-probability and argmax equal those of the path
 * from its root to it run alone through {@link CausalLanguageModel#forward} with a fresh cache, within
 * 1e-5 bits, on every small fixture (one packed call under the tree mask, or per-path packing for the
 * families whose attention reads key indices), and the tree mask shows a node exactly its ancestors.
 */
class TokenTreeForwardTest {
    private static final double TOLERANCE_BITS = 1e-5;
    private static final double LN2 = Math.log(2.0);

    /**
     * Two roots. Root A (ids a0..): a shared trunk of 5 nodes, then a branch of 7 (longer than
     * mistral-swa-0's window of 8 with the trunk), a branch of 2 that forks again, and a one-node branch;
     * root B: a lone path of 3. Parents always come first.
     */
    private static TokenTree tree(int vocab) {
        int[] parents = {-1, 0, 1, 2, 3, /* long branch */ 4, 5, 6, 7, 8, 9, 10, /* short branch */ 4, 12,
                /* its fork */ 13, 13, 15, /* one node */ 4, /* root B */ -1, 18, 19};
        int[] ids = new int[parents.length];
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(vocab);
        }
        int[] targets = new int[parents.length];
        Arrays.fill(targets, -1);
        for (int i = 0; i < parents.length; i++) {
            if (parents[i] >= 0) {
                targets[parents[i]] = ids[i];
            }
        }
        // a fork's parent can only ask for one target: the trunk's last node asks for the long branch's first
        // token, the short branch's parent node 13 for node 14's; other children are scored from their own tokens
        targets[4] = ids[5];
        targets[13] = ids[14];
        return new TokenTree(ids, parents, targets);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-0", "llama-0", "mistral-0", "mistral-swa-0", "qwen2-0", "gpt_neox-0", "falcon-0",
            "falcon-newarch-0", "opt-0", "gpt_neo-0", "phi-0", "gemma-0", "mpt-0", "openai-gpt-0", "gpt2-realtok-0"})
    void everyNodeScoresAsItsPathAlone(String fixture) {
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            TokenTree tree = tree(model.info().vocabSize());
            TokenScores together = model.forwardTree(tree);
            assertEquals(tree.size(), together.logProbs().length);
            double maxDiff = 0;
            for (int node = 0; node < tree.size(); node++) {
                int[] path = tree.path(node);
                int[] ids = new int[path.length];
                int[] targets = new int[path.length];
                Arrays.fill(targets, -1);
                for (int i = 0; i < path.length; i++) {
                    ids[i] = tree.ids()[path[i]];
                }
                targets[path.length - 1] = tree.targets()[node];
                TokenScores alone;
                try (KvCache cache = model.newCache()) {
                    alone = model.forward(cache, ids, Fixtures.positions(ids.length), targets, 0);
                }
                int last = path.length - 1;
                String where = fixture + " node " + node + " (depth " + last + ")";
                assertEquals(alone.argmax()[last], together.argmax()[node], where + ": argmax");
                if (tree.targets()[node] < 0) {
                    assertTrue(Double.isNaN(together.logProbs()[node]), where + ": no target, NaN");
                } else {
                    double diff = Math.abs(alone.logProbs()[last] - together.logProbs()[node]) / LN2;
                    assertTrue(diff <= TOLERANCE_BITS, where + ": |tree - alone| = " + diff + " bits");
                    maxDiff = Math.max(maxDiff, diff);
                }
            }
            System.out.printf("token tree %s: max |tree - path alone| = %.2e bits%n", fixture, maxDiff);
        }
    }

    @Test
    void theTreeMaskShowsANodeItsAncestorsWithinTheWindow() {
        DjlEnvironment.init();
        TokenTree tree = tree(100);
        long[] positions = tree.positions();
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            for (int window : new int[] {0, 3}) {
                float[] mask = TensorOps.treeCausalMask(manager, tree.parents(), positions, window).toFloatArray();
                int n = tree.size();
                for (int i = 0; i < n; i++) {
                    java.util.Set<Integer> ancestors = new java.util.HashSet<>();
                    for (int node : tree.path(i)) {
                        ancestors.add(node);
                    }
                    for (int j = 0; j < n; j++) {
                        boolean visible = ancestors.contains(j) && (window == 0 || positions[i] - positions[j] < window);
                        assertEquals(visible ? 0f : Float.NEGATIVE_INFINITY, mask[i * n + j],
                                "window " + window + " query " + i + " key " + j);
                    }
                }
            }
        }
        assertEquals(11, positions[11]);
        assertEquals(8, positions[16]);
        assertEquals(5, positions[17]);
        assertEquals(0, positions[18]);
    }
}
