package org.langscore.huggingface.policy;

import java.util.function.IntConsumer;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.KvCache;

/**
 * The engine of {@code strided} and {@code reset}, for models whose cached keys cannot move (learned
 * positions). Tokens run from position 0 in chunks of C; a window holds positions {@code 0..W-1}, the
 * last one only as a target, so a token sees at most {@code W-1} tokens before it. When the next token
 * would need position {@code W-1}, a fresh cache re-encodes the last {@code keep} tokens at positions
 * {@code 0..keep-1} (their predictions are not recorded again) and scoring goes on.
 */
abstract class RestartingWindowPolicy implements ContextPolicy {

    private final int window;
    private final int chunk;

    RestartingWindowPolicy(int window, int chunk) {
        if (window < 2 || chunk < 1) {
            throw new IllegalArgumentException(name() + " needs window >= 2 and chunk >= 1, got " + window + ", "
                    + chunk);
        }
        this.window = window;
        this.chunk = chunk;
    }

    /** @return W */
    final int window() {
        return window;
    }

    /** @return C */
    final int chunk() {
        return chunk;
    }

    /** @return W-1: a text of at most W-1 tokens is fed at positions 0..W-2, with no restart */
    @Override
    public final int fullContextLength() {
        return window - 1;
    }

    /** @return how many of the most recent tokens a restarted window re-encodes, {@code < W - 1} */
    abstract int keep();

    @Override
    public final ScoredText score(CausalLanguageModel model, int[] tokenIds, int[] partTokenCounts,
                                  IntConsumer tokensDone) {
        Parts.of(tokenIds.length, partTokenCounts);
        TokenRecorder recorder = new TokenRecorder(model, tokenIds);
        int keep = keep();
        int lastFeedPosition = window - 2;
        KvCache cache = model.newCache();
        try {
            int next = 0;
            while (next < tokenIds.length) {
                if (cache.length() > lastFeedPosition) {
                    cache.close();
                    cache = model.newCache();
                    for (int from = next - keep; from < next; from += chunk) {
                        int to = Math.min(next, from + chunk);
                        recorder.encode(cache, from, to, cache.length(), 0);
                    }
                }
                int count = Math.min(chunk, Math.min(lastFeedPosition + 1 - cache.length(), tokenIds.length - next));
                recorder.score(cache, next, next + count, cache.length(), 0);
                next += count;
                tokensDone.accept(next);
            }
        } finally {
            cache.close();
        }
        return recorder.result();
    }
}
