package org.langscore.huggingface.policy;

import java.util.Map;

/**
 * {@code reset}: whenever the window overflows, start an empty context: the token after the overflow
 * sees only itself, the next one itself and one more, and so on. Cheap, and the worst context of all
 * policies; a baseline.
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
        return "reset";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("window", Integer.toString(window()), "chunk", Integer.toString(chunk()));
    }
}
