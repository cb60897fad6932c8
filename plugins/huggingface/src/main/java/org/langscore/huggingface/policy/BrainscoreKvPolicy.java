package org.langscore.huggingface.policy;

import java.util.function.IntConsumer;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.KvCache;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * {@code brainscore-kv}: a compatibility mode that reproduces Brain-Score Language's KV-cache slide
 * (its {@code HuggingfaceSubject} after PR #400) exactly, so that its published numbers can be
 * compared. Each part is one step: when the cached length plus the part's n tokens exceeds W, only the
 * last {@code W-n} cached entries are kept; the part's tokens are then fed at the positions that
 * transformers derives from the cache length. Once the window is full every new token therefore sits
 * at position {@code W-1} (or {@code W-n..W-1}) while cached keys keep the positions they were
 * computed at: word order is lost past the window. Not exact; use {@code sliding} or {@code strided}.
 */
public final class BrainscoreKvPolicy extends WindowParameterPolicy {

    /**
     * @param window W, Brain-Score's window (the tokenizer's {@code model_max_length}); a text of at most W
     *     tokens never evicts, so its positions follow the cache length
     */
    public BrainscoreKvPolicy(int window) {
        super(PolicyKind.BRAINSCORE_KV, window, 1);
    }

    @Override
    public ScoredText score(CausalLanguageModel model, int[] tokenIds, int[] partTokenCounts,
                            IntConsumer tokensDone) {
        int[] parts = Parts.of(tokenIds.length, partTokenCounts);
        TokenRecorder recorder = new TokenRecorder(model, tokenIds);
        try (KvCache cache = model.newCache()) {
            int first = 0;
            for (int i = 0; i < parts.length; i++) {
                int count = parts[i];
                if (count == 0) {
                    continue;
                }
                if (count > window) {
                    throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "Part " + i + " has " + count
                            + " tokens, more than the brainscore-kv window of " + window);
                }
                if (cache.length() + count > window) {
                    cache.evictOldest(cache.length() - (window - count));
                }
                recorder.score(cache, first, first + count, cache.length(), 0);
                first += count;
                tokensDone.accept(first);
            }
        }
        return recorder.result();
    }
}
