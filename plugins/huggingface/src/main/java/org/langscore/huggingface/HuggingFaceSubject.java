package org.langscore.huggingface;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.ProductPrecision;
import org.langscore.huggingface.policy.ContextPolicy;
import org.langscore.huggingface.policy.IndependentTexts;
import org.langscore.huggingface.policy.ScoredText;
import org.langscore.huggingface.policy.TokenTrie;
import org.langscore.huggingface.tokenizer.ModelTokenizer;
import org.langscore.huggingface.tokenizer.PartAlignment;
import org.langscore.huggingface.tokenizer.TokenizedText;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.ProgressListener;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;
import org.langscore.text.ContextString;

/**
 * A causal language model as a {@link Subject}, computing what Brain-Score Language's
 * {@code HuggingfaceSubject} computes, made exact:
 * <ul>
 *   <li>The parts of one call form one context string ({@link ContextString}: blank parts dropped, one
 *       space between parts, none before {@code . , ! ? ; :}), tokenized once; a part's tokens are those
 *       whose first non-space character lies in it ({@link PartAlignment}).</li>
 *   <li>Reading time of a part, in bits: the sum over its tokens of {@code -log2 p(token | the context the
 *       policy showed it)}. A token that saw no context (the text's first token, unless the tokenizer adds
 *       a BOS that predicts it) is left out of the sum; a part none of whose tokens saw context gets NaN; a
 *       part with no tokens gets 0 and changes nothing.</li>
 *   <li>Next word: the most probable token after the part's last token (after the last token before it
 *       when it has none), decoded and stripped; null when no token precedes.</li>
 *   <li>Texts longer than the model's window are scored under a {@link ContextPolicy}; nothing carries
 *       across calls.</li>
 * </ul>
 *
 * <p>Not thread-safe: one thread at a time, as {@link Subject} says. Closing it releases the model and
 * the tokenizer.
 */
public final class HuggingFaceSubject implements Subject {
    private Map<String, String> source = Map.of();
    private static final double LN2 = Math.log(2.0);
    /** Working memory beyond the float32 weights: activations, KV cache, logits. */
    private static final double MEMORY_MARGIN = 1.25;
    private static final long MEMORY_OVERHEAD_BYTES = 64L << 20;
    private boolean preflightPassed;
    /** The most distinct tokens one batched call packs (unless one window is more): attention costs its square. */
    static final int PACKED_TOKENS = 512;

    private final String identifier;
    private final CausalLanguageModel model;
    private final ModelTokenizer tokenizer;
    private final ContextPolicy policy;
    private final int batch;
    private Task task;
    private boolean closed;

    /**
     * @param identifier the model's identifier (folder name or Hub repo id)
     * @param model the model; the subject owns it and closes it
     * @param tokenizer the model's tokenizer; the subject owns it and closes it
     * @param policy how texts longer than the window are scored
     */
    public HuggingFaceSubject(String identifier, CausalLanguageModel model, ModelTokenizer tokenizer,
                              ContextPolicy policy) {
        this(identifier, model, tokenizer, policy, SubjectOptions.DEFAULT_BATCH);
    }

    /**
     * @param identifier the model's identifier (folder name or Hub repo id)
     * @param model the model; the subject owns it and closes it
     * @param tokenizer the model's tokenizer; the subject owns it and closes it
     * @param policy how texts longer than the window are scored
     * @param batch the most independent texts one batched forward call scores ({@link #digestTexts}), {@code >= 1}
     */
    public HuggingFaceSubject(String identifier, CausalLanguageModel model, ModelTokenizer tokenizer,
                              ContextPolicy policy, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.identifier = Objects.requireNonNull(identifier, "identifier");
        this.model = Objects.requireNonNull(model, "model");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.batch = batch;
    }

    @Override
    public String identifier() {
        return identifier;
    }

    @Override
    public void startBehavioralTask(Task task) {
        this.task = Objects.requireNonNull(task, "task");
    }

    /** @return the task last set, or null */
    public Task task() {
        return task;
    }

    /**
     * Scores one text. Both the reading time and the next word of every part are computed, whatever the
     * task, since one forward pass gives both.
     */
    @Override
    public List<PartResult> digestText(List<String> parts) {
        return digestText(parts, ProgressListener.NONE);
    }

    /**
     * Scores one text as {@link #digestText(List)} does and reports the parts done as the policy goes: a
     * part is done when all of its tokens are scored. The last report is {@code parts.size()}.
     */
    @Override
    public List<PartResult> digestText(List<String> parts, ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        checkOpen();
        PreparedText text = prepare(parts);
        int n = text.ids().length;
        if (n == 0) {
            progress.onProgress(identifier, parts.size(), parts.size(), "words");
            return noTokens(parts);
        }
        int[] policyCounts = policyPartCounts(text.alignment());
        PartsDone partsDone = new PartsDone(policyCounts, progress, identifier);
        ScoredText scored;
        try {
            scored = policy.score(model, text.ids(), policyCounts, partsDone);
        } catch (ScoringException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "model " + identifier + " failed on a text of "
                    + parts.size() + " parts (" + n + " tokens) under policy " + policy.name() + ": " + e, e);
        }
        List<PartResult> results = assemble(text, scored);
        partsDone.accept(n);
        return results;
    }

    /**
     * Scores independent texts; each result equals {@link #digestText(List)} of that text alone (within
     * float32 summation order, 1e-5 bits). Texts no longer than the policy's
     * {@link ContextPolicy#fullContextLength()} are scored together ({@link IndependentTexts}): up to
     * {@code batch} texts per batched forward call, gathered into a {@link TokenTrie} so that the leading
     * tokens texts share are computed once, and up to {@value #PACKED_TOKENS} distinct tokens per call (or
     * one window, when longer). A text whose token ids equal an earlier packed text's takes its per-token
     * scores, so identical token sequences get identical values whichever call they fall in. Longer texts,
     * and every text under a policy that does not state its full context length, are scored alone by the
     * policy.
     */
    @Override
    public List<List<PartResult>> digestTexts(List<List<String>> texts) {
        checkOpen();
        List<List<PartResult>> results = new ArrayList<>(java.util.Collections.nCopies(texts.size(), null));
        int limit = policy.fullContextLength();
        int packedLimit = Math.max(limit, PACKED_TOKENS);
        List<Integer> pending = new ArrayList<>();
        List<PreparedText> pendingTexts = new ArrayList<>();
        TokenTrie trie = new TokenTrie();
        // a text with the token ids of an earlier one takes its per-token scores, even from another call
        Map<List<Integer>, Integer> sameIds = new java.util.HashMap<>();
        Map<Integer, PreparedText> duplicates = new java.util.TreeMap<>();
        Map<Integer, ScoredText> scoredTexts = new java.util.HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            List<String> parts = texts.get(i);
            PreparedText text = prepare(parts);
            int n = text.ids().length;
            if (n == 0) {
                results.set(i, noTokens(parts));
            } else if (n <= limit && sameIds.containsKey(key(text))) {
                duplicates.put(i, text);
            } else if (n <= limit) {
                sameIds.put(key(text), i);
                if (!pending.isEmpty()
                        && (pending.size() >= batch || trie.size() + trie.newNodes(text.ids()) > packedLimit)) {
                    scoreTogether(pending, pendingTexts, trie, results, scoredTexts);
                    trie = new TokenTrie();
                }
                pending.add(i);
                pendingTexts.add(text);
                trie.add(text.ids());
            } else {
                results.set(i, digestText(parts));
            }
        }
        if (!pending.isEmpty()) {
            scoreTogether(pending, pendingTexts, trie, results, scoredTexts);
        }
        for (Map.Entry<Integer, PreparedText> duplicate : duplicates.entrySet()) {
            PreparedText text = duplicate.getValue();
            results.set(duplicate.getKey(), assemble(text, scoredTexts.get(sameIds.get(key(text)))));
        }
        return results;
    }

    /** @return the token ids of a text as a map key */
    private static List<Integer> key(PreparedText text) {
        return java.util.Arrays.stream(text.ids()).boxed().toList();
    }

    /**
     * One batched forward call over the pending texts (added to the trie in the same order); records each
     * text's per-token scores in {@code scoredTexts} by index and empties both lists.
     */
    private void scoreTogether(List<Integer> indices, List<PreparedText> texts, TokenTrie trie,
                               List<List<PartResult>> results, Map<Integer, ScoredText> scoredTexts) {
        List<ScoredText> scored;
        try {
            scored = IndependentTexts.score(model, trie);
        } catch (ScoringException e) {
            throw e;
        } catch (RuntimeException e) {
            int tokens = texts.stream().mapToInt(text -> text.ids().length).sum();
            throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "model " + identifier + " failed on a batch of "
                    + texts.size() + " texts (" + tokens + " tokens, " + trie.size() + " distinct): " + e, e);
        }
        for (int b = 0; b < indices.size(); b++) {
            results.set(indices.get(b), assemble(texts.get(b), scored.get(b)));
            scoredTexts.put(indices.get(b), scored.get(b));
        }
        indices.clear();
        texts.clear();
    }

    /** A text's parts, its context string's alignment, and its token ids (BOS included). */
    private record PreparedText(List<String> parts, PartAlignment alignment, int[] ids) {
    }

    private PreparedText prepare(List<String> parts) {
        ContextString context = ContextString.of(parts);
        TokenizedText tokens = tokenizer.encode(context.text());
        PartAlignment alignment = PartAlignment.of(context, tokens);
        return new PreparedText(parts, alignment, java.util.Arrays.copyOf(tokens.ids(), alignment.tokenCount()));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the subject " + identifier + " is closed");
        }
    }

    private static List<PartResult> noTokens(List<String> parts) {
        List<PartResult> results = new ArrayList<>(parts.size());
        for (String part : parts) {
            results.add(new PartResult(part, 0.0, null, 0, -1));
        }
        return results;
    }

    /** Per part: bits summed over its tokens that saw context, the next word, its tokens and context. */
    private List<PartResult> assemble(PreparedText text, ScoredText scored) {
        int n = text.ids().length;
        if (scored.logProbs().length != n) {
            throw new ScoringException(ErrorCode.INTERNAL, "policy " + policy.name() + " scored "
                    + scored.logProbs().length + " tokens of a text of " + n);
        }
        List<String> parts = text.parts();
        int[] counts = text.alignment().partTokenCounts();
        int[] firsts = text.alignment().firstTokenIndices();
        List<PartResult> results = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            int first = firsts[i];
            int count = counts[i];
            if (count == 0) {
                String next = first > 0 ? nextWord(scored.argmaxAfter()[first - 1]) : null;
                results.add(new PartResult(parts.get(i), 0.0, next, 0, -1));
                continue;
            }
            double bits = 0.0;
            int scoredTokens = 0;
            for (int t = first; t < first + count; t++) {
                if (scored.contextLengths()[t] > 0) {
                    bits -= scored.logProbs()[t] / LN2;
                    scoredTokens++;
                }
            }
            results.add(new PartResult(parts.get(i), scoredTokens == 0 ? Double.NaN : bits,
                    nextWord(scored.argmaxAfter()[first + count - 1]), count, scored.contextLengths()[first]));
        }
        return results;
    }

    /**
     * The part token counts handed to the policy must cover the whole sequence: a BOS prefix joins the first
     * part that has tokens, as it does in Brain-Score, whose first context's tokens include it.
     */
    private static int[] policyPartCounts(PartAlignment alignment) {
        int[] counts = alignment.partTokenCounts().clone();
        if (alignment.prefixTokens() > 0) {
            int target = 0;
            while (target < counts.length && counts[target] == 0) {
                target++;
            }
            counts[Math.min(target, counts.length - 1)] += alignment.prefixTokens();
        }
        return counts;
    }

    private String nextWord(int tokenId) {
        return tokenizer.decode(tokenId).strip();
    }

    /**
     * @return the policy name and parameters, the compute dtype, how the products hold the weights, the
     *     window and whether a BOS is scored
     */
    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>(source);
        settings.put("policy", policy.name());
        settings.putAll(policy.parameters());
        settings.put("dtype", model.products().label());
        // how the products hold their matrices: bfloat16 copies, packed float32 copies, or the stored file
        settings.put("weights", model.products() == ProductPrecision.BFLOAT16 ? "bfloat16"
                : model.packedWeights() ? "packed" : "stored");
        if (model.products() == ProductPrecision.BFLOAT16) {
            // attention's products follow in bfloat16 only where the CPU makes that faster (AMX)
            settings.put("attention", model.attentionProducts().label());
        }
        settings.putIfAbsent("window", Integer.toString(model.info().maxPositionEmbeddings()));
        settings.put("bos", Boolean.toString(tokenizer.addsBos()));
        settings.put("batch", Integer.toString(batch));
        return java.util.Collections.unmodifiableMap(settings);
    }

    /**
     * Records where the model came from (folder, weights fingerprint), so that scores and checkpoints
     * of two different models that share a folder name are never mixed up.
     */
    void recordSource(Map<String, String> description) {
        source = Map.copyOf(description);
    }

    /**
     * Records that the factory's memory pre-flight ({@link org.langscore.huggingface.memory.MemoryPreflight})
     * has checked this run against the machine's memory, from the files' headers, before any weight was read.
     */
    void recordPreflightPassed() {
        preflightPassed = true;
    }

    /**
     * Empty once the factory's own pre-flight has passed: it compared the native working memory (weights
     * stay in the mapped file) with what the machine and its control group allow, which is the figure
     * that counts; the benchmark's generic check compares with the Java heap. A subject built without it
     * (tests) estimates float32 weights (4 bytes per parameter) plus a working margin.
     */
    @Override
    public OptionalLong estimatedMemoryBytes() {
        if (preflightPassed) {
            return OptionalLong.empty();
        }
        long parameters = model.info().parameterCount();
        return OptionalLong.of((long) (parameters * 4.0 * MEMORY_MARGIN) + MEMORY_OVERHEAD_BYTES);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}
