package org.langscore.huggingface.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.langscore.huggingface.model.TokenTree;

/** {@link TokenTrie}: texts share a node exactly where they agree on the token and the token after it. */
class TokenTrieTest {

    @Test
    void textsShareTheTokensWhoseNextTokenAlsoAgrees() {
        TokenTrie trie = new TokenTrie();
        assertEquals(5, trie.newNodes(new int[] {1, 2, 3, 4, 5}));
        trie.add(new int[] {1, 2, 3, 4, 5});
        // agrees on 1 2 3, differs at 9: tokens 1 and 2 (whose next tokens agree) are shared; 3 (asking for 9) and 9 are new
        assertEquals(2, trie.newNodes(new int[] {1, 2, 3, 9}));
        trie.add(new int[] {1, 2, 3, 9});
        // a strict prefix: its last token asks for nothing, so only 1 and 2 are shared
        assertEquals(1, trie.newNodes(new int[] {1, 2, 3}));
        trie.add(new int[] {1, 2, 3});
        // the same text again shares everything
        assertEquals(0, trie.newNodes(new int[] {1, 2, 3, 9}));
        trie.add(new int[] {1, 2, 3, 9});
        // another first token: a new root
        trie.add(new int[] {7, 2});
        assertEquals(5, trie.textCount());
        assertEquals(5 + 2 + 1 + 2, trie.size());

        TokenTree tree = trie.tree();
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 3, 9, 3, 7, 2}, tree.ids());
        assertArrayEquals(new int[] {-1, 0, 1, 2, 3, 1, 5, 1, -1, 8}, tree.parents());
        assertArrayEquals(new int[] {2, 3, 4, 5, -1, 9, -1, -1, 2, -1}, tree.targets());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 2, 3, 2, 0, 1}, tree.positions());
        assertArrayEquals(new int[] {0, 1, 5, 6}, trie.nodesOf(1));
        assertArrayEquals(trie.nodesOf(1), trie.nodesOf(3));
        assertArrayEquals(new int[] {0, 1, 7}, trie.nodesOf(2));
        assertArrayEquals(new int[] {4, 6, 7, 9}, tree.leaves());
        assertArrayEquals(new int[] {0, 1, 5, 6}, tree.path(6));
    }

    @Test
    void aTextNeedsATokenAndATreeNeedsParentsFirst() {
        assertThrows(IllegalArgumentException.class, () -> new TokenTrie().add(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new TokenTree(new int[] {1, 2}, new int[] {1, -1},
                new int[] {-1, -1}));
        assertThrows(IllegalArgumentException.class, () -> new TokenTree(new int[0], new int[0], new int[0]));
    }
}
