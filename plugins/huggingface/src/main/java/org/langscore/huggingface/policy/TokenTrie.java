package org.langscore.huggingface.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.langscore.huggingface.model.TokenTree;

/**
 * Independent texts gathered into one {@link TokenTree}, their common leading tokens stored once. Token
 * {@code i} of a text asks for token {@code i + 1} (none for the last), and two texts share the node of
 * token {@code i} exactly when they agree on tokens {@code 0..i+1} (or on {@code 0..i} and both end
 * there): then the token has the same context, the same position and the same target in both, so one
 * computation serves both.
 */
public final class TokenTrie {
    private record Key(int parent, int id, int target) {
    }

    private final Map<Key, Integer> nodes = new HashMap<>();
    private final List<Integer> ids = new ArrayList<>();
    private final List<Integer> parents = new ArrayList<>();
    private final List<Integer> targets = new ArrayList<>();
    private final List<int[]> texts = new ArrayList<>();
    private final List<int[]> textNodes = new ArrayList<>();

    /** @return how many nodes {@link #add} of the text would create (its tokens not shared with earlier texts) */
    public int newNodes(int[] text) {
        int parent = -1;
        for (int i = 0; i < text.length; i++) {
            Integer node = nodes.get(key(parent, text, i));
            if (node == null) {
                return text.length - i;
            }
            parent = node;
        }
        return 0;
    }

    /**
     * Adds a text, sharing the nodes of its leading tokens with earlier texts where they agree.
     *
     * @param text the token ids, at least one
     * @return the text's index, in the order added
     */
    public int add(int[] text) {
        if (text.length == 0) {
            throw new IllegalArgumentException("a text in a token trie needs at least one token");
        }
        int[] path = new int[text.length];
        int parent = -1;
        for (int i = 0; i < text.length; i++) {
            Key key = key(parent, text, i);
            Integer node = nodes.get(key);
            if (node == null) {
                node = ids.size();
                nodes.put(key, node);
                ids.add(text[i]);
                parents.add(parent);
                targets.add(key.target());
            }
            path[i] = node;
            parent = node;
        }
        texts.add(text.clone());
        textNodes.add(path);
        return texts.size() - 1;
    }

    private static Key key(int parent, int[] text, int i) {
        return new Key(parent, text[i], i + 1 < text.length ? text[i + 1] : -1);
    }

    /** @return the number of nodes: the tokens of all texts, each shared prefix counted once */
    public int size() {
        return ids.size();
    }

    /** @return the number of texts added */
    public int textCount() {
        return texts.size();
    }

    /** @return the token ids of text {@code t} */
    int[] text(int t) {
        return texts.get(t).clone();
    }

    /** @return the node of each token of text {@code t} */
    int[] nodesOf(int t) {
        return textNodes.get(t).clone();
    }

    /** @return the tree of all texts added, in the order the nodes were made (parents first) */
    public TokenTree tree() {
        return new TokenTree(toArray(ids), toArray(parents), toArray(targets));
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
