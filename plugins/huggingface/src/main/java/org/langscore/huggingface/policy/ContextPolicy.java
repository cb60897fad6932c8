package org.langscore.huggingface.policy;

import java.util.Map;
import java.util.function.IntConsumer;

import org.langscore.huggingface.model.CausalLanguageModel;

/**
 * How the tokens of one text are scored when the text may be longer than the model's window. Every
 * policy returns, for every token, its natural-log probability given the context the policy showed
 * it, and how long that context was.
 */
public interface ContextPolicy {

    /** @return the policy's name: a {@link PolicyKind#label()} for langscore's own policies */
    String name();

    /** @return the parameters that determine the numbers (window, stride, chunk size), recorded with every score */
    Map<String, String> parameters();

    /**
     * The longest text this policy scores as one plain causal pass from position 0 would: every token
     * predicted from all the tokens before it, at their true positions (up to float32 summation order).
     * Texts no longer than this can be scored together by {@link IndependentTexts}. 0 (the default) when
     * the policy does not say.
     *
     * @return a token count, {@code >= 0}
     */
    default int fullContextLength() {
        return 0;
    }

    /**
     * Scores one text, reporting as it goes how many of the text's tokens are done: tokens
     * {@code 0..done-1} have their log-probability and the argmax after them recorded. The counts never
     * decrease and the last one is {@code tokenIds.length}. The one method every policy implements.
     *
     * @param model the model
     * @param tokenIds the text's tokens, {@code [n]}
     * @param partTokenCounts how many tokens each part (word, region) has, in order, summing to n; parts
     *     with 0 tokens are allowed. Policies that work part by part (truncate, brainscore-kv) use it.
     * @param tokensDone receives the number of tokens done
     * @return per-token scores
     */
    ScoredText score(CausalLanguageModel model, int[] tokenIds, int[] partTokenCounts, IntConsumer tokensDone);

    /**
     * {@link #score(CausalLanguageModel, int[], int[], IntConsumer)} without progress reports.
     *
     * @param model the model
     * @param tokenIds the text's tokens, {@code [n]}
     * @param partTokenCounts how many tokens each part has, in order, summing to n
     * @return per-token scores
     */
    default ScoredText score(CausalLanguageModel model, int[] tokenIds, int[] partTokenCounts) {
        return score(model, tokenIds, partTokenCounts, done -> { });
    }
}
