package org.langscore.huggingface;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.policy.ContextPolicy;
import org.langscore.huggingface.policy.ScoredText;

/**
 * A hand-written fake policy whose numbers follow from the token ids, so that a test can compute the
 * subject's expected output by hand: token i (i > 0) has {@code ln p = -ids[i] * ln 2 / 8}, i.e.
 * {@code ids[i] / 8} bits; it saw {@code i} tokens; the argmax after it is {@code ids[i] + 1}. It records
 * what it was asked to score.
 */
final class ArithmeticPolicy implements ContextPolicy {
    final List<int[]> tokenCalls = new ArrayList<>();
    final List<int[]> partCountCalls = new ArrayList<>();
    private final int firstScored;

    /** @param firstScored tokens before this index saw no context and get NaN (1 for a real policy) */
    ArithmeticPolicy(int firstScored) {
        this.firstScored = firstScored;
    }

    @Override
    public String name() {
        return "arithmetic";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("window", "7");
    }

    @Override
    public ScoredText score(CausalLanguageModel model, int[] tokenIds, int[] partTokenCounts,
                            IntConsumer tokensDone) {
        tokenCalls.add(tokenIds.clone());
        partCountCalls.add(partTokenCounts.clone());
        int n = tokenIds.length;
        double[] logProbs = new double[n];
        int[] context = new int[n];
        int[] argmax = new int[n];
        for (int i = 0; i < n; i++) {
            logProbs[i] = i < firstScored ? Double.NaN : -tokenIds[i] * Math.log(2) / 8;
            context[i] = i < firstScored ? 0 : i;
            argmax[i] = tokenIds[i] + 1;
        }
        tokensDone.accept(n);
        return new ScoredText(logProbs, context, argmax);
    }
}
