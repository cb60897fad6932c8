package org.langscore.huggingface.policy;

import java.util.Map;

/**
 * {@code strided}: for absolute-position models (GPT-2), where a cached key cannot change position.
 * When the window is full, the last {@code W-S-1} tokens are re-encoded from position 0 and scoring
 * goes on for S more tokens; every token past the first window sees between {@code W-S} and
 * {@code W-1} tokens of context. {@code S=1} equals {@code truncate} with one part per token;
 * {@code S=W-1} equals {@code reset}. Default S = W/2.
 */
public final class StridedPolicy extends RestartingWindowPolicy {

    private final int stride;

    /**
     * @param window W, positions per window
     * @param stride S, new tokens per window after the first, {@code 1 <= S <= W-1}
     * @param chunk C, tokens per forward call
     */
    public StridedPolicy(int window, int stride, int chunk) {
        super(window, chunk);
        if (stride < 1 || stride > window - 1) {
            throw new IllegalArgumentException("strided needs 1 <= stride <= window - 1, got stride " + stride
                    + " for window " + window);
        }
        this.stride = stride;
    }

    @Override
    int keep() {
        return window() - stride - 1;
    }

    @Override
    public String name() {
        return PolicyKind.STRIDED.label();
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of(PolicyKind.WINDOW, Integer.toString(window()), PolicyKind.STRIDE, Integer.toString(stride),
                PolicyKind.CHUNK, Integer.toString(chunk()));
    }
}
