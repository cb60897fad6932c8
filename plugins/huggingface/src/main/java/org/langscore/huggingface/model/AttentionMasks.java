package org.langscore.huggingface.model;

import java.nio.FloatBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Attention masks and biases that some families add to the call's causal mask: GPT-Neo's local
 * layers (a window of their own inside any policy) and MPT's ALiBi bias. Both work on key indices,
 * which is right for every mask {@link DecoderModel} makes: in a call's mask {@code [n, past + n]} new
 * token {@code i} is key {@code past + i}; in a packed mask {@code [N, N]} sequences lie one after
 * another, so index distances within a sequence are token distances and other sequences stay masked.
 */
final class AttentionMasks {

    private AttentionMasks() {
    }

    /**
     * Narrows a causal mask to a local window: query {@code i} (key index {@code past + i}) keeps key
     * {@code j} only if {@code past + i - window < j}, i.e. itself and the {@code window - 1} keys before
     * it (GPT-Neo's {@code local} layers, transformers' {@code tril} xor rule).
     *
     * @param mask {@code [n, keys]}, 0 (visible) and -inf (masked), in the call's manager
     * @param window the local window, at least 1
     * @return {@code [n, keys]}, created in the mask's manager
     */
    static NDArray local(NDArray mask, int window) {
        int n = Math.toIntExact(mask.getShape().get(0));
        int keys = Math.toIntExact(mask.getShape().get(1));
        int past = keys - n;
        float[] band = new float[n * keys];
        for (int i = 0; i < n; i++) {
            int first = Math.max(0, past + i - window + 1);
            for (int j = 0; j < first; j++) {
                band[i * keys + j] = Float.NEGATIVE_INFINITY;
            }
        }
        NDManager manager = mask.getManager();
        return mask.add(manager.create(FloatBuffer.wrap(band), new Shape(n, keys), DataType.FLOAT32));
    }

    /**
     * MPT's ALiBi slopes as transformers' {@code build_mpt_alibi_tensor} computes them: with
     * {@code P = 2^ceil(log2 H)}, {@code m_k = 2^-(k · maxBias / P)} for {@code k = 1..P}; when
     * {@code P != H} the odd-indexed slopes come first, then the even ones, cut to {@code H}.
     *
     * @param heads {@code H}
     * @param maxBias {@code alibi_bias_max}
     * @return one slope per head
     */
    static float[] alibiSlopes(int heads, double maxBias) {
        int power = Integer.highestOneBit(heads) == heads ? heads : Integer.highestOneBit(heads) << 1;
        float[] all = new float[power];
        for (int k = 1; k <= power; k++) {
            float base = (float) k * (float) (maxBias / power);
            all[k - 1] = (float) (1.0 / Math.pow(2.0, base));
        }
        if (power == heads) {
            return all;
        }
        float[] slopes = new float[heads];
        int at = 0;
        for (int k = 1; k < power && at < heads; k += 2) {
            slopes[at++] = all[k];
        }
        for (int k = 0; k < power && at < heads; k += 2) {
            slopes[at++] = all[k];
        }
        return slopes;
    }

    /**
     * The causal mask plus ALiBi: head {@code h}, query {@code i} (key index {@code past + i}), key
     * {@code j} get {@code m_h · (j - past - i)}. transformers adds {@code m_h · (j - keys + 1)} (relative
     * to the last key); the two differ by a constant per row, which the softmax removes.
     *
     * @param mask {@code [n, keys]}, 0 (visible) and -inf (masked), in the call's manager
     * @param slopes one slope per head
     * @return {@code [H, n, keys]}, created in the mask's manager
     */
    static NDArray alibi(NDArray mask, float[] slopes) {
        int n = Math.toIntExact(mask.getShape().get(0));
        int keys = Math.toIntExact(mask.getShape().get(1));
        int past = keys - n;
        float[] bias = new float[slopes.length * n * keys];
        for (int h = 0; h < slopes.length; h++) {
            for (int i = 0; i < n; i++) {
                int row = (h * n + i) * keys;
                for (int j = 0; j < keys; j++) {
                    bias[row + j] = slopes[h] * (j - past - i);
                }
            }
        }
        NDArray perHead = mask.getManager().create(FloatBuffer.wrap(bias), new Shape(slopes.length, n, keys),
                DataType.FLOAT32);
        return perHead.add(mask);
    }
}
