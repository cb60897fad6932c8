package org.langscore.huggingface.policy;

import java.util.Map;
import java.util.function.IntConsumer;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.KvCache;

/**
 * {@code sliding}: every token, at every layer, attends to itself and the {@code W-1} tokens before it,
 * at its true position (the exact sliding window; Mistral's native attention when W is its
 * {@code sliding_window}). Tokens run in chunks of C against the KV cache with a banded mask; after each
 * chunk the cache keeps only its {@code W-1} newest entries, so memory stays flat. Needs relative
 * (rotary) positions: a learned position table ends at its last row.
 */
public final class SlidingPolicy implements ContextPolicy {

    private final int window;
    private final int chunk;

    /**
     * @param window W, the keys a token sees including itself (at least 2)
     * @param chunk C, tokens per forward call (1 = token by token)
     */
    public SlidingPolicy(int window, int chunk) {
        if (window < 2 || chunk < 1) {
            throw new IllegalArgumentException("sliding needs window >= 2 and chunk >= 1, got " + window + ", " + chunk);
        }
        this.window = window;
        this.chunk = chunk;
    }

    /** @return W: a text of at most W tokens {@code fits in one band; no token loses context} */
    @Override
    public int fullContextLength() {
        return window;
    }

    @Override
    public String name() {
        return PolicyKind.SLIDING.label();
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of(PolicyKind.WINDOW, Integer.toString(window), PolicyKind.CHUNK, Integer.toString(chunk));
    }

    @Override
    public ScoredText score(CausalLanguageModel model, int[] tokenIds, int[] partTokenCounts,
                            IntConsumer tokensDone) {
        Parts.of(tokenIds.length, partTokenCounts);
        TokenRecorder recorder = new TokenRecorder(model, tokenIds);
        try (KvCache cache = model.newCache()) {
            for (int from = 0; from < tokenIds.length; from += chunk) {
                int to = Math.min(tokenIds.length, from + chunk);
                recorder.score(cache, from, to, from, window);
                tokensDone.accept(to);
                // Only the W-1 newest entries can be seen by the next token.
                if (cache.length() > window - 1) {
                    cache.evictOldest(cache.length() - (window - 1));
                }
            }
        }
        return recorder.result();
    }
}
