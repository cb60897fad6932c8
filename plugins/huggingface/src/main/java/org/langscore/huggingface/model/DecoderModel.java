package org.langscore.huggingface.model;

import java.nio.LongBuffer;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * What every decoder-only family shares: the weights' manager, the per-call manager, the banded
 * causal mask, the KV cache hand-over, the output layer and the log-softmax pick. A subclass supplies
 * the forward pass from token ids to the final normed hidden states.
 *
 * <p>Native memory: weights live in a manager that is capped after loading (an op that would
 * allocate there fails loudly); each {@link #forward} call allocates in its own sub-manager, closed
 * before the call returns; the cache keeps only its keys and values.
 */
abstract class DecoderModel implements CausalLanguageModel {

    /** The most bytes of logits a forward call writes at once: 32 MiB, 16,384 entries of 512 tokens. */
    static final long LOGITS_PIECE_BYTES = 32L << 20;
    /**
     * The rows of each piece of the output layer with packed weights: a fixed grid (a packed piece cannot be
     * cut), whose {@code [n, 4096]} logits stay within {@link #LOGITS_PIECE_BYTES} up to 2,048 tokens a call;
     * also the largest piece of the other ways when the vocabulary is scored in pieces.
     */
    static final long PACKED_HEAD_ROWS = 4096;

    private final NDManager root;
    private final WideningArena arena;
    private final ModelInfo info;
    private final int layers;
    private final int ownWindow;
    private final Weight head;
    private volatile ProductPrecision products = ProductPrecision.FLOAT32;
    private volatile boolean packedWeights;
    private volatile long logitsPieceBytes = LOGITS_PIECE_BYTES;

    /**
     * @param root the model's manager; the weights live in a capped sub-manager of it
     * @param arena where the stored F16/BF16 matrices are widened, reset before each layer
     * @param info the model's facts
     * @param layers the number of layers
     * @param ownWindow the model's own attention window (Mistral's {@code sliding_window}), 0 for none
     * @param head the output layer, {@code [V, E]} (the input embedding when tied)
     */
    DecoderModel(NDManager root, WideningArena arena, ModelInfo info, int layers, int ownWindow, Weight head) {
        this.root = root;
        this.arena = arena;
        this.info = info;
        this.layers = layers;
        this.ownWindow = ownWindow;
        this.head = head;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** {@inheritDoc} Every family supports both precisions: the weight products all go through {@link TensorOps}. */
    @Override
    public void useProducts(ProductPrecision precision) {
        this.products = java.util.Objects.requireNonNull(precision, "precision");
    }

    @Override
    public ProductPrecision products() {
        return products;
    }

    /** {@inheritDoc} Every family's fused attention follows the products' precision where the CPU has AMX. */
    @Override
    public ProductPrecision attentionProducts() {
        return products == ProductPrecision.BFLOAT16 && TensorOps.BFLOAT16_ATTENTION ? ProductPrecision.BFLOAT16
                : ProductPrecision.FLOAT32;
    }

    /** {@inheritDoc} Every family supports packed weights: the weight products all go through {@link TensorOps}. */
    @Override
    public void usePackedWeights(boolean packed) {
        this.packedWeights = packed;
    }

    @Override
    public boolean packedWeights() {
        return packedWeights;
    }

    /** Whether this call's float32 products use the packed matrices. */
    private boolean packedProducts() {
        return packedWeights && products == ProductPrecision.FLOAT32;
    }

    @Override
    public KvCache newCache() {
        return new LayerKvCache(root.newSubManager(), this, layers);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A model with its own sliding window (Mistral) always applies it as well: a token sees at most
     * {@code min(attendWindow, sliding_window)} keys.
     */
    @Override
    public TokenScores forward(KvCache cache, int[] tokenIds, long[] positionIds, int[] targetIds,
                               int attendWindow) {
        if (targetIds.length != tokenIds.length) {
            throw new IllegalArgumentException("forward needs one target per token, got " + targetIds.length
                    + " targets for " + tokenIds.length + " tokens");
        }
        for (int i = 0; i < targetIds.length; i++) {
            if (targetIds[i] != -1) {
                checkId(targetIds[i], "target id", i);
            }
        }
        return run(cache, tokenIds, positionIds, targetIds, attendWindow);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One batched call for every family: the sequences are packed into one row, one after another with
     * no padding, each at positions from 0, under a block-diagonal causal mask
     * ({@link TensorOps#packedCausalMask}) so that no token sees another sequence; the model's own
     * sliding window applies within each sequence. Every step but attention works token by token, so
     * each token's numbers are those of its sequence alone (up to float32 summation order). Attention
     * costs the square of the packed length: the caller keeps batches short.
     */
    @Override
    public java.util.List<TokenScores> forwardIndependent(int[][] tokenIds, int[][] targetIds) {
        if (targetIds.length != tokenIds.length || tokenIds.length == 0) {
            throw new IllegalArgumentException("forwardIndependent needs n >= 1 sequences and one target array each,"
                    + " got " + tokenIds.length + " and " + targetIds.length);
        }
        int[] lengths = new int[tokenIds.length];
        int total = 0;
        for (int s = 0; s < tokenIds.length; s++) {
            if (tokenIds[s].length == 0 || targetIds[s].length != tokenIds[s].length) {
                throw new IllegalArgumentException("sequence " + s + " has " + tokenIds[s].length + " tokens and "
                        + targetIds[s].length + " targets; it needs n >= 1 and one target per token");
            }
            lengths[s] = tokenIds[s].length;
            total += lengths[s];
        }
        int[] ids = new int[total];
        long[] positions = new long[total];
        int[] targets = new int[total];
        int at = 0;
        for (int s = 0; s < tokenIds.length; s++) {
            for (int i = 0; i < lengths[s]; i++, at++) {
                ids[at] = tokenIds[s][i];
                positions[at] = i;
                targets[at] = targetIds[s][i];
                if (targets[at] != -1) {
                    checkId(targets[at], "target id", at);
                }
            }
        }
        TokenScores packed;
        try (KvCache cache = newCache()) {
            packed = run(cache, ids, positions, targets,
                    step -> TensorOps.packedCausalMask(step, lengths, ownWindow));
        }
        java.util.List<TokenScores> results = new java.util.ArrayList<>(lengths.length);
        int from = 0;
        for (int length : lengths) {
            results.add(new TokenScores(java.util.Arrays.copyOfRange(packed.logProbs(), from, from + length),
                    java.util.Arrays.copyOfRange(packed.argmax(), from, from + length)));
            from += length;
        }
        return results;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One call for the whole tree where the family's attention depends only on which keys a token sees
     * and on position ids ({@link #masksByPositionOnly()}): the nodes are packed into one row in node
     * order, each at its depth, under a tree mask ({@link TensorOps#treeCausalMask}) that shows a node its
     * ancestors and itself only, within the model's own sliding window. So each node sees the keys, values
     * and positions its path would have alone. Other families (key-index biases: GPT-Neo's local layers,
     * MPT's ALiBi) take the default, one packed sequence per root-to-leaf path.
     */
    @Override
    public TokenScores forwardTree(TokenTree tree) {
        if (!masksByPositionOnly()) {
            return CausalLanguageModel.super.forwardTree(tree);
        }
        int[] targets = tree.targets();
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != -1) {
                checkId(targets[i], "target id", i);
            }
        }
        long[] positions = tree.positions();
        try (KvCache cache = newCache()) {
            return run(cache, tree.ids(), positions, targets,
                    step -> TensorOps.treeCausalMask(step, tree.parents(), positions, ownWindow));
        }
    }

    /**
     * @return whether the family's attention depends on nothing but the mask and the position ids, so that a
     *     token tree packed in one row (where key index distances are not token distances) is exact; false
     *     for a family that derives a bias or a window from key indices
     */
    boolean masksByPositionOnly() {
        return true;
    }

    /** {@inheritDoc} Skips the output layer, the largest matrix of a small model. */
    @Override
    public void encode(KvCache cache, int[] tokenIds, long[] positionIds, int attendWindow) {
        run(cache, tokenIds, positionIds, null, attendWindow);
    }

    /** The shared path of {@link #forward} and {@link #encode} ({@code targetIds} null: no logits). */
    private TokenScores run(KvCache cache, int[] tokenIds, long[] positionIds, int[] targetIds, int attendWindow) {
        int window = combine(attendWindow, ownWindow);
        int past = cache.length();
        int n = tokenIds.length;
        return run(cache, tokenIds, positionIds, targetIds,
                step -> TensorOps.bandedCausalMask(step, past, n, window));
    }

    /** Makes the attention mask of one call, {@code [n, past + n]}, in the call's manager. */
    private interface MaskMaker {
        NDArray make(NDManager step);
    }

    private synchronized TokenScores run(KvCache cache, int[] tokenIds, long[] positionIds, int[] targetIds,
                                         MaskMaker masks) {
        int n = tokenIds.length;
        if (n == 0 || positionIds.length != n) {
            throw new IllegalArgumentException("a forward call needs n >= 1 tokens and n positions, got " + n + " and "
                    + positionIds.length);
        }
        if (!(cache instanceof LayerKvCache) || ((LayerKvCache) cache).owner() != this) {
            throw new IllegalArgumentException("The KV cache was not made by this model's newCache()");
        }
        for (int i = 0; i < n; i++) {
            checkId(tokenIds[i], "token id", i);
            if (positionIds[i] < 0) {
                throw new IllegalArgumentException("Negative position " + positionIds[i] + " at index " + i);
            }
        }
        checkPositions(positionIds);
        LayerKvCache kv = (LayerKvCache) cache;
        kv.beginUpdate();
        arena.reset();
        long started = System.nanoTime();
        TensorOps.PRODUCTS.set(products);
        TensorOps.PACKED.set(packedProducts());
        try (NDManager step = root.newSubManager()) {
            return compute(step, kv, tokenIds, positionIds, targetIds, masks.make(step));
        } catch (EngineException e) {
            if (isAllocationFailure(e)) {
                throw new ScoringException(ErrorCode.INSUFFICIENT_MEMORY, "PyTorch could not allocate memory in the"
                        + " forward pass of " + info.architecture() + " over " + n + " new tokens after " + kv.length()
                        + " cached ones; use a smaller --chunk or --window, or free memory ("
                        + firstLine(e.getMessage()) + ")", e);
            }
            throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "PyTorch failed in the forward pass of "
                    + info.architecture() + " over " + n + " new tokens after " + kv.length() + " cached ones: "
                    + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new ScoringException(ErrorCode.INSUFFICIENT_MEMORY, "The JVM ran out of memory in the forward pass of "
                    + info.architecture() + " over " + n + " new tokens; use a smaller --chunk or raise -Xmx /"
                    + " -XX:MaxDirectMemorySize through LANGSCORE_JAVA_OPTS", e);
        } finally {
            TensorOps.PRODUCTS.remove();
            TensorOps.PACKED.remove();
            MatrixWork.forwardTime(System.nanoTime() - started);
        }
    }

    /** One forward call inside its manager: embeddings to logits, then the pick. */
    private TokenScores compute(NDManager step, LayerKvCache kv, int[] tokenIds, long[] positionIds, int[] targetIds,
                                NDArray mask) {
        int n = tokenIds.length;
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = tokenIds[i];
        }
        NDArray idArray = step.create(LongBuffer.wrap(ids), new Shape(n));                  // [n]
        NDArray hidden = finalHiddenStates(step, kv, idArray, positionIds, mask);           // [n, E], mask [n, past + n]
        TokenScores scores = null;
        if (targetIds != null) {
            arena.reset();                                                                  // the layers are done
            scores = score(step, hidden, targetIds);
        }
        kv.endUpdate(n);
        return scores;
    }

    /**
     * The forward pass of the family up to the final norm.
     *
     * @param step the call's manager
     * @param cache the cache; each layer appends its new keys and values through
     *     {@link LayerKvCache#append}
     * @param ids the new token ids, {@code [n]}
     * @param positions the position of each new token
     * @param mask the banded causal mask, {@code [n, past + n]}
     * @return the final normed hidden states, {@code [n, E]}
     */
    abstract NDArray finalHiddenStates(NDManager step, LayerKvCache cache, NDArray ids, long[] positions, NDArray mask);

    /** One decoder layer from its input {@code [n, E]} to its output {@code [n, E]}. */
    interface LayerBody {
        /**
         * @param scope the layer's manager, closed when the layer ends
         * @param layer the layer's index
         * @param x the layer's input, lent to {@code scope}
         * @return the layer's output
         */
        NDArray apply(NDManager scope, int layer, NDArray x);
    }

    /**
     * Runs every layer in turn, each in its own scope so that its intermediates (attention scores above
     * all) are freed before the next layer starts: peak memory is one layer's intermediates, not all
     * layers'.
     *
     * @param step the call's manager, which keeps each layer's output
     * @param x the first layer's input, {@code [n, E]}
     * @param body the layer
     * @return the last layer's output, {@code [n, E]}, owned by {@code step}
     */
    NDArray throughLayers(NDManager step, NDArray x, LayerBody body) {
        NDArray out = x;
        for (int l = 0; l < layers; l++) {
            // The previous layer's scope is closed: its widened matrices are garbage, their slots free.
            arena.reset();
            try (NDManager scope = step.newSubManager()) {
                out.tempAttach(scope);
                NDArray next = body.apply(scope, l, out);
                next.attach(step);
                out = next;
            }
        }
        return out;
    }

    /** @return the model's widening arena, which also keeps its derived weight copies */
    final WideningArena arena() {
        return arena;
    }

    /** @return the output layer, {@code [V, E]} (the input embedding when tied) */
    final Weight head() {
        return head;
    }

    /** @return the output layer's bias, {@code [V]} (Phi), or null: most heads have none */
    Weight headBias() {
        return null;
    }

    /**
     * Rejects a position beyond a learned position table (GPT-2, GPT-1, GPT-Neo, OPT: the model's facts
     * say {@link ModelInfo#absolutePositions()}); rotary and ALiBi families accept any.
     */
    private void checkPositions(long[] positions) {
        if (!info.absolutePositions()) {
            return;
        }
        int limit = info.maxPositionEmbeddings();
        for (long p : positions) {
            if (p >= limit) {
                throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "Position " + p + " is beyond the learned"
                        + " position table of " + info.architecture() + " (" + limit + " positions); use a context"
                        + " policy whose window is at most " + limit);
            }
        }
    }

    /**
     * Each target's log-probability and each row's argmax from the final hidden states: the logits of the
     * whole vocabulary at once when they fit {@link #logitsPieceBytes}, else a piece of the vocabulary at a
     * time (see {@link #scoreInPieces}).
     */
    private TokenScores score(NDManager step, NDArray hidden, int[] targetIds) {
        int n = targetIds.length;
        long vocab = head().outFeatures();
        long rows = Math.max(1, logitsPieceBytes / (4L * n));
        if (products != ProductPrecision.BFLOAT16 && !head().inPlace()) {
            rows = Math.min(rows, Math.max(1, Weight.HEAD_PIECE_BYTES / (4L * head().inFeatures())));
        }
        if (packedProducts() || products == ProductPrecision.BFLOAT16 && PackedProducts.bfloat16Available()) {
            // packed pieces are made once, so they sit on a fixed grid whatever the call's length
            rows = PACKED_HEAD_ROWS;
        } else if (rows < vocab) {
            // pieces that stay in the cache score faster: [512, 4096] in 2.6 ms, [512, 16384] in 17 ms
            rows = Math.min(rows, PACKED_HEAD_ROWS);
        }
        if (rows >= vocab) {
            NDArray logits = TensorOps.linear(hidden, head(), headBias());                  // [n, V]
            return pick(step, logits, targetIds);
        }
        return scoreInPieces(step, hidden, targetIds, rows);
    }

    /**
     * {@link #score} a piece of {@code rows} vocabulary entries at a time: each piece's logits give each
     * row's log-sum-exp over the piece, folded into a running log-sum-exp in double precision, plus the
     * targets' logits and the argmax (the first of equal maxima, as in one pass). Only one piece's
     * {@code [n, rows]} logits exist at a time, instead of {@code [n, V]} and its temporaries (for a
     * 256,000-entry vocabulary and 512 tokens, 0.5 GB each).
     */
    private TokenScores scoreInPieces(NDManager step, NDArray hidden, int[] targetIds, long rows) {
        int n = targetIds.length;
        long vocab = head().outFeatures();
        double[] normaliser = new double[n];
        double[] largest = new double[n];
        double[] target = new double[n];
        int[] best = new int[n];
        java.util.Arrays.fill(normaliser, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(largest, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(target, Double.NaN);
        long[] local = new long[n];
        for (long first = 0; first < vocab; first += rows) {
            long count = Math.min(rows, vocab - first);
            try (NDManager piece = step.newSubManager()) {
                // the targets inside this piece, as piece-local indices (others clamped, not used)
                for (int i = 0; i < n; i++) {
                    local[i] = Math.min(count - 1, Math.max(0, targetIds[i] - first));
                }
                NDArray targets = piece.create(LongBuffer.wrap(local), new Shape(n, 1));        // [n, 1]
                NDArray logits = head().linearRows(hidden, headBias(), first, count);          // [n, count]
                logits.attach(piece);
                ai.djl.ndarray.NDList parts = ScriptedOps.pickPiece(logits, targets);
                float[] pieceNormaliser = parts.get(0).toFloatArray();                          // [n]
                float[] pieceLargest = parts.get(1).toFloatArray();                             // [n]
                float[] picked = parts.get(2).toFloatArray();                                   // [n]
                long[] argmax = parts.get(3).toLongArray();                                     // [n]
                parts.close();
                for (int i = 0; i < n; i++) {
                    // fold: log(e^a + e^b) = max + log(1 + e^(min - max))
                    double high = Math.max(normaliser[i], pieceNormaliser[i]);
                    double low = Math.min(normaliser[i], pieceNormaliser[i]);
                    normaliser[i] = low == Double.NEGATIVE_INFINITY ? high : high + Math.log1p(Math.exp(low - high));
                    // a later piece takes the argmax only with a strictly larger logit
                    if (pieceLargest[i] > largest[i]) {
                        largest[i] = pieceLargest[i];
                        best[i] = (int) (first + argmax[i]);
                    }
                    if (targetIds[i] >= first && targetIds[i] < first + count) {
                        target[i] = picked[i];
                    }
                }
            }
        }
        double[] result = new double[n];
        for (int i = 0; i < n; i++) {
            result[i] = targetIds[i] < 0 ? Double.NaN : target[i] - normaliser[i];
        }
        return new TokenScores(result, best);
    }

    /**
     * @param bytes the most bytes of logits one forward call writes at once (tests use small values to
     *     exercise the vocabulary pieces); {@link #LOGITS_PIECE_BYTES} by default
     */
    void useLogitsPieceBytes(long bytes) {
        this.logitsPieceBytes = bytes;
    }

    /** The target's log-softmax entry in float32 over all V logits, and the argmax. */
    private static TokenScores pick(NDManager step, NDArray logits, int[] targetIds) {
        int n = targetIds.length;
        long[] safeTargets = new long[n];
        for (int i = 0; i < n; i++) {
            safeTargets[i] = Math.max(0, targetIds[i]);
        }
        NDArray targets = step.create(LongBuffer.wrap(safeTargets), new Shape(n, 1));          // [n, 1]
        // logit[target] - logsumexp(logits): the log-softmax entry without a [n, V] temporary
        ai.djl.ndarray.NDList scores = ScriptedOps.pick(logits, targets);
        float[] picked = scores.get(0).toFloatArray();                                           // [n]
        long[] argmax = scores.get(1).toLongArray();                                             // [n]
        double[] result = new double[n];
        int[] best = new int[n];
        for (int i = 0; i < n; i++) {
            result[i] = targetIds[i] < 0 ? Double.NaN : picked[i];
            best[i] = (int) argmax[i];
        }
        return new TokenScores(result, best);
    }

    private void checkId(int id, String what, int index) {
        if (id < 0 || id >= info.vocabSize()) {
            throw new IllegalArgumentException(what + " " + id + " at index " + index + " is outside the vocabulary [0, "
                    + info.vocabSize() + ")");
        }
    }

    private static int combine(int attendWindow, int ownWindow) {
        if (attendWindow <= 0) {
            return ownWindow;
        }
        return ownWindow <= 0 ? attendWindow : Math.min(attendWindow, ownWindow);
    }

    /** @return whether libtorch's error says an allocation failed (its CPU allocator's wording) */
    static boolean isAllocationFailure(EngineException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("can't allocate memory") || message.contains("not enough memory")
                || message.contains("out of memory") || message.contains("bad_alloc");
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** @return how many native arrays the model and its open caches hold (for memory tests) */
    int liveArrayCount() {
        return root.getManagedArrays().size();
    }

    @Override
    public void close() {
        if (MatrixWork.REPORT) {
            System.err.println(info.architecture() + " " + MatrixWork.summary());
        }
        arena.closeKept();
        root.close();
    }
}
