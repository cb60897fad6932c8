package org.langscore.huggingface.policy;

import java.util.Map;

/**
 * What the policies whose one parameter is the window W share ({@code truncate}, {@code brainscore-kv}):
 * the check of W, the name from the {@link PolicyKind}, the recorded parameters and a full context of W
 * tokens. Each subclass says how it scores.
 */
abstract class WindowParameterPolicy implements ContextPolicy {

    private final PolicyKind kind;
    /** W, at least the subclass's minimum. */
    final int window;

    /**
     * @param kind the policy's kind, which names it
     * @param window W
     * @param minimumWindow the smallest W the policy accepts
     */
    WindowParameterPolicy(PolicyKind kind, int window, int minimumWindow) {
        if (window < minimumWindow) {
            throw new IllegalArgumentException(kind.label() + " needs window >= " + minimumWindow + ", got " + window);
        }
        this.kind = kind;
        this.window = window;
    }

    /** @return W: a text of at most W tokens is scored as one plain pass from position 0 */
    @Override
    public final int fullContextLength() {
        return window;
    }

    @Override
    public final String name() {
        return kind.label();
    }

    @Override
    public final Map<String, String> parameters() {
        return Map.of(PolicyKind.WINDOW, Integer.toString(window));
    }
}
