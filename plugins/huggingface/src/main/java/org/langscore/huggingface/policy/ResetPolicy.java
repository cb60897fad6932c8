package org.langscore.huggingface.policy;

import java.util.Map;

/**
 * {@code reset}: whenever the window overflows, start an empty context. When the next token would need
 * position {@code W-1}, the cache is emptied and positions restart at 0: the token fed there predicts
 * the token after it from itself alone, the next one from two tokens, and so on. Cheap, and the least
 * context of all policies; a baseline. Equals {@code strided} with {@code S = W-1}.
 */
public final class ResetPolicy extends RestartingWindowPolicy {

    /**
     * @param window W, positions per window
     * @param chunk C, tokens per forward call
     */
    public ResetPolicy(int window, int chunk) {
        super(window, chunk);
    }

    @Override
    int keep() {
        return 0;
    }

    @Override
    public String name() {
        return PolicyKind.RESET.label();
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of(PolicyKind.WINDOW, Integer.toString(window()), PolicyKind.CHUNK, Integer.toString(chunk()));
    }
}
