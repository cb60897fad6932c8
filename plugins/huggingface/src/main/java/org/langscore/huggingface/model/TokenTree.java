package org.langscore.huggingface.model;

import java.util.Arrays;

/**
 * Several sequences that share leading tokens, stored once as a tree of tokens (a trie): each node is
 * one token at one position of every sequence that passes through it. A node's context is the path from
 * the root to it; its position is its depth (0 for a root). Nodes are in topological order (every
 * parent comes before its children), so the tree can be packed into one row as it stands.
 *
 * <p>A node asks for one target: two sequences can share a node only where they also agree on the
 * token after it (or both end there), which is what makes the shared computation exact.
 *
 * @param ids the token id of each node, {@code [N]}
 * @param parents the parent of each node ({@code < } the node), or -1 for a root
 * @param targets per node the id whose log-probability is wanted next, or -1 for none
 */
public record TokenTree(int[] ids, int[] parents, int[] targets) {
    public TokenTree {
        if (ids.length == 0 || parents.length != ids.length || targets.length != ids.length) {
            throw new IllegalArgumentException("a token tree needs N >= 1 nodes with one parent and one target each, got "
                    + ids.length + " ids, " + parents.length + " parents, " + targets.length + " targets");
        }
        for (int i = 0; i < parents.length; i++) {
            if (parents[i] < -1 || parents[i] >= i) {
                throw new IllegalArgumentException("node " + i + " has parent " + parents[i]
                        + "; a parent must come before its child (or be -1 for a root)");
            }
        }
        ids = ids.clone();
        parents = parents.clone();
        targets = targets.clone();
    }

    /** @return the number of nodes */
    public int size() {
        return ids.length;
    }

    /** @return each node's position: its depth, 0 for a root */
    public long[] positions() {
        long[] positions = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            positions[i] = parents[i] < 0 ? 0 : positions[parents[i]] + 1;
        }
        return positions;
    }

    /** @return the nodes from a root down to {@code node}, in order */
    public int[] path(int node) {
        int depth = (int) positions()[node];
        int[] path = new int[depth + 1];
        for (int at = node, d = depth; at >= 0; at = parents[at], d--) {
            path[d] = at;
        }
        return path;
    }

    /** @return the nodes that no other node has as parent, in node order */
    public int[] leaves() {
        boolean[] hasChild = new boolean[ids.length];
        for (int parent : parents) {
            if (parent >= 0) {
                hasChild[parent] = true;
            }
        }
        return java.util.stream.IntStream.range(0, ids.length).filter(i -> !hasChild[i]).toArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenTree tree && Arrays.equals(ids, tree.ids) && Arrays.equals(parents, tree.parents)
                && Arrays.equals(targets, tree.targets);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(parents)) + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "TokenTree[ids=" + Arrays.toString(ids) + ", parents=" + Arrays.toString(parents) + ", targets="
                + Arrays.toString(targets) + "]";
    }
}
