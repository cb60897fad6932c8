package org.langscore.huggingface.model;

import java.nio.FloatBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * The building blocks shared by the architecture families, as PyTorch computes them. Every result is
 * created in the manager of the first argument, which is always a per-call array, never a weight.
 */
final class TensorOps {

    /**
     * The precision of the weight products on this thread: a model sets it for the length of each forward
     * call ({@link DecoderModel}), so that the families' code stays the same in both precisions.
     */
    static final ThreadLocal<ProductPrecision> PRODUCTS = ThreadLocal.withInitial(() -> ProductPrecision.FLOAT32);

    /**
     * Whether float32 products on this thread use the matrices packed for oneDNN ({@link PackedProducts}),
     * set by a model for the length of each forward call like {@link #PRODUCTS}.
     */
    static final ThreadLocal<Boolean> PACKED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private TensorOps() {
    }

    /** HF {@code nn.Linear}: {@code x · Wᵀ + b}, W stored {@code [out, in]}; {@code bias} may be null. */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    /**
     * {@link #linear(NDArray, NDArray, NDArray)} with stored weights, widened (if need be) in the manager
     * of {@code x}, which is the caller's layer or call scope.
     */
    static NDArray linear(NDArray x, Weight weight, Weight bias) {
        return linear(x, weight, bias, Epilogue.NONE, null);
    }

    /**
     * {@link #linear(NDArray, Weight, Weight)} followed by an epilogue: inside the product where the matrix is
     * packed (float32 or bfloat16), else as its own op.
     *
     * @param x {@code [n, in]}
     * @param weight {@code [out, in]}
     * @param bias {@code [out]}, or null
     * @param epilogue what happens to the product's output
     * @param other {@code [n, out]} for {@link Epilogue#TIMES} and {@link Epilogue#PLUS}, else null
     * @return {@code [n, out]}, in the manager of {@code x}
     */
    static NDArray linear(NDArray x, Weight weight, Weight bias, Epilogue epilogue, NDArray other) {
        NDManager scope = x.getManager();
        long rows = x.getShape().size() / x.getShape().get(x.getShape().dimension() - 1);
        NDArray b = bias == null ? null : bias.in(scope);
        long started = System.nanoTime();
        try {
            if (PRODUCTS.get() == ProductPrecision.BFLOAT16) {
                // the matrix rounded to bfloat16 (and packed) once and kept by libtorch, not cast at every product
                if (PackedProducts.bfloat16Available()) {
                    return PackedProducts.bfloat16Linear(x, weight.bfloat16(scope), b, epilogue, other);
                }
                return epilogue.applySeparately(ScriptedOps.bfloat16Linear(x, weight.bfloat16(scope), b), other);
            }
            if (PACKED.get()) {
                // the matrix reordered for oneDNN once and kept by libtorch
                return PackedProducts.linear(x, weight.packed(scope), b, epilogue, other);
            }
            return epilogue.applySeparately(storedLinear(x, weight.in(scope), b), other);
        } finally {
            MatrixWork.product(rows, weight.inFeatures(), weight.outFeatures(), System.nanoTime() - started);
        }
    }

    /**
     * A float32 product with a matrix that is not kept packed: oneDNN with the matrix reordered for this
     * product when it has enough rows to pay for that ({@link PackedProducts#REORDER_MIN_TOKENS}), else
     * libtorch's BLAS.
     */
    static NDArray storedLinear(NDArray x, NDArray weight, NDArray bias) {
        long rows = x.getShape().size() / x.getShape().get(x.getShape().dimension() - 1);
        if (rows >= PackedProducts.REORDER_MIN_TOKENS && PackedProducts.available()) {
            return PackedProducts.reorderedLinear(x, weight, bias);
        }
        return linear(x, weight, bias);
    }

    /** Rows of a stored embedding table: {@code [n]} ids to {@code [n, E]}, widening only those rows. */
    static NDArray embedding(NDArray ids, Weight table) {
        return table.rows(ids.getManager(), ids);
    }

    /** {@link #layerNorm(NDArray, NDArray, NDArray, double)} with stored gains and biases. */
    static NDArray layerNorm(NDArray x, Weight weight, Weight bias, double eps) {
        NDManager scope = x.getManager();
        return layerNorm(x, weight == null ? null : weight.in(scope), bias == null ? null : bias.in(scope), eps);
    }

    /** {@link #rmsNorm(NDArray, NDArray, double)} with a stored gain. */
    static NDArray rmsNorm(NDArray x, Weight weight, double eps) {
        return rmsNorm(x, weight.in(x.getManager()), eps);
    }

    /** Rows of an embedding table: {@code [n]} ids to {@code [n, E]}. */
    static NDArray embedding(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** LayerNorm over the last axis with biased variance. */
    static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias, double eps) {
        Shape normalized = new Shape(x.getShape().get(x.getShape().dimension() - 1));
        return x.getNDArrayInternal().layerNorm(x, normalized, weight, bias, (float) eps).singletonOrThrow();
    }

    /** RMSNorm: {@code w · x / sqrt(mean(x²) + eps)}, no mean subtraction, no bias. */
    static NDArray rmsNorm(NDArray x, NDArray weight, double eps) {
        NDArray variance = x.square().mean(new int[] {-1}, true);   // [n, 1]
        return x.div(variance.add((float) eps).sqrt()).mul(weight);
    }

    /**
     * Whether {@link #attention} runs libtorch's fused kernel ({@link ScriptedOps#attention}, the default)
     * or the composed ops; {@code -Dlangscore.attention=composed} picks the latter (for side-by-side timing).
     */
    static final boolean FUSED_ATTENTION = !"composed".equals(System.getProperty("langscore.attention"));

    /**
     * Whether a bfloat16 run also multiplies attention's scores and weighted sum in bfloat16: where the CPU
     * has AMX, whose bfloat16 kernels make the fused kernel twice as fast (GPT-2's heads, 512 queries over
     * 1,024 keys: 3.8 against 7.5 ms); elsewhere bfloat16 attention is slower than float32 (3x with
     * AVX512-BF16 alone), so it stays float32. {@code -Dlangscore.bfloat16-attention=true|false} decides
     * instead. The choice is in a bfloat16 score's settings ({@code attention}).
     */
    static final boolean BFLOAT16_ATTENTION = Boolean.parseBoolean(System.getProperty(
            "langscore.bfloat16-attention", Boolean.toString(CpuFeatures.hasAmx())));

    /**
     * Scaled dot-product attention with KV-head sharing: query head {@code h} uses KV head
     * {@code h / (H / Hkv)}.
     *
     * @param q {@code [H, n, d]}
     * @param k {@code [Hkv, L, d]} (cached keys then the new ones)
     * @param v {@code [Hkv, L, d]}
     * @param mask {@code [n, L]}: 0 where visible, -inf where not
     * @param scoreDivisor the divisor of the scores ({@code sqrt(d)}, times {@code layer+1} in one GPT-2 option)
     * @return {@code [n, H·d]}, heads concatenated
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask, double scoreDivisor) {
        Shape qs = q.getShape();
        MatrixWork.attention(qs.get(0), qs.get(1), k.getShape().get(1), qs.get(2));
        long started = System.nanoTime();
        try {
            // The fused module takes one [n, L] mask shared by the heads; a per-head bias (MPT's ALiBi,
            // [H, n, L]) goes through the composed path.
            boolean sharedMask = mask.getShape().dimension() == 2;
            boolean bfloat16 = BFLOAT16_ATTENTION && PRODUCTS.get() == ProductPrecision.BFLOAT16;
            return FUSED_ATTENTION && sharedMask ? ScriptedOps.attention(q, k, v, mask, scoreDivisor, bfloat16)
                    : composedAttention(q, k, v, mask, scoreDivisor);
        } finally {
            MatrixWork.attentionTime(System.nanoTime() - started);
        }
    }

    /**
     * {@link #attention} from DJL's own ops: scores, mask, softmax and the weighted sum as separate
     * products (the reference the fused kernel is tested against).
     */
    static NDArray composedAttention(NDArray q, NDArray k, NDArray v, NDArray mask, double scoreDivisor) {
        long heads = q.getShape().get(0);
        long n = q.getShape().get(1);
        long headDim = q.getShape().get(2);
        long kvHeads = k.getShape().get(0);
        long keys = k.getShape().get(1);
        long group = heads / kvHeads;
        NDArray grouped = q.reshape(kvHeads, group * n, headDim);                 // [Hkv, r·n, d]
        NDArray scores = grouped.matMul(k.transpose(0, 2, 1))                      // [Hkv, r·n, L]
                .reshape(heads, n, keys)                                          // [H, n, L]
                .div((float) scoreDivisor)
                .add(mask);
        NDArray probs = scores.softmax(-1).reshape(kvHeads, group * n, keys);      // [Hkv, r·n, L]
        return probs.matMul(v)                                                     // [Hkv, r·n, d]
                .reshape(heads, n, headDim)                                        // [H, n, d]
                .transpose(1, 0, 2)                                                // [n, H, d]
                .reshape(n, heads * headDim);                                      // [n, H·d]
    }

    /**
     * The banded causal mask of {@code n} new tokens after {@code past} cached ones: new token {@code i}
     * (key index {@code past + i}) sees key {@code j} iff {@code past + i - window < j <= past + i}.
     *
     * @param manager where the mask is created
     * @param past cached keys
     * @param n new tokens
     * @param window most keys a token sees, itself included; {@code <= 0} for no limit
     * @return {@code [n, past + n]} with 0 (visible) and -inf (masked)
     */
    static NDArray bandedCausalMask(NDManager manager, int past, int n, int window) {
        int keys = past + n;
        float[] mask = new float[n * keys];
        for (int i = 0; i < n; i++) {
            int self = past + i;
            int first = window > 0 ? Math.max(0, self - window + 1) : 0;
            for (int j = 0; j < keys; j++) {
                mask[i * keys + j] = j >= first && j <= self ? 0f : Float.NEGATIVE_INFINITY;
            }
        }
        return manager.create(FloatBuffer.wrap(mask), new Shape(n, keys), DataType.FLOAT32);
    }

    /**
     * The mask of several independent sequences packed into one row (sequence after sequence, no
     * padding): a token sees the tokens of its own sequence up to itself, within the band, and nothing
     * of any other sequence (block-diagonal and causal).
     *
     * @param manager where the mask is created
     * @param lengths the tokens of each sequence, in packing order
     * @param window most keys a token sees, itself included; {@code <= 0} for no limit
     * @return {@code [N, N]} with N the sum of the lengths, 0 (visible) and -inf (masked)
     */
    static NDArray packedCausalMask(NDManager manager, int[] lengths, int window) {
        int total = 0;
        for (int length : lengths) {
            total += length;
        }
        float[] mask = new float[total * total];
        java.util.Arrays.fill(mask, Float.NEGATIVE_INFINITY);
        int start = 0;
        for (int length : lengths) {
            for (int i = start; i < start + length; i++) {
                int first = window > 0 ? Math.max(start, i - window + 1) : start;
                java.util.Arrays.fill(mask, i * total + first, i * total + i + 1, 0f);
            }
            start += length;
        }
        return manager.create(FloatBuffer.wrap(mask), new Shape(total, total), DataType.FLOAT32);
    }

    /**
     * The mask of a token tree packed into one row in node order ({@link TokenTree}): a node sees itself and
     * its ancestors, those within the band of its own position, and nothing else (no sibling, no other
     * branch, no other tree).
     *
     * @param manager where the mask is created
     * @param parents per node its parent (an earlier node) or -1
     * @param positions per node its depth
     * @param window most keys a token sees, itself included; {@code <= 0} for no limit
     * @return {@code [N, N]}, 0 (visible) and -inf (masked)
     */
    static NDArray treeCausalMask(NDManager manager, int[] parents, long[] positions, int window) {
        int total = parents.length;
        float[] mask = new float[total * total];
        java.util.Arrays.fill(mask, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < total; i++) {
            for (int j = i; j >= 0; j = parents[j]) {
                if (window > 0 && positions[i] - positions[j] >= window) {
                    break;
                }
                mask[i * total + j] = 0f;
            }
        }
        return manager.create(FloatBuffer.wrap(mask), new Shape(total, total), DataType.FLOAT32);
    }
}
