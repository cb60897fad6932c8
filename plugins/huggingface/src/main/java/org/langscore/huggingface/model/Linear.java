package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;

/**
 * One linear layer's stored weights, HF {@code nn.Linear}: {@code x · Wᵀ + b}.
 *
 * @param weight {@code [out, in]} (or GPT-2's Conv1D {@code [in, out]} used transposed)
 * @param bias {@code [out]}, or null for an unbiased layer
 */
record Linear(Weight weight, Weight bias) {

    /** @return {@code x} {@code [.., in]} through the layer, {@code [.., out]} */
    NDArray apply(NDArray x) {
        return TensorOps.linear(x, weight, bias);
    }

    /**
     * @param x {@code [.., in]}
     * @param epilogue what happens to the output, inside the product where the matrix is packed
     * @param other {@code [.., out]} for {@link Epilogue#TIMES} and {@link Epilogue#PLUS}, else null
     * @return {@code [.., out]}
     */
    NDArray apply(NDArray x, Epilogue epilogue, NDArray other) {
        return TensorOps.linear(x, weight, bias, epilogue, other);
    }

    /**
     * Reads {@code name.weight} {@code [out, in]} and, when the layer has one, {@code name.bias} {@code [out]}.
     *
     * @param reader the model's weight reader
     * @param name the layer's name without {@code .weight}
     * @param biased whether the checkpoint holds the bias
     * @param out the output width
     * @param in the input width
     * @return the layer
     */
    static Linear read(WeightReader reader, String name, boolean biased, long out, long in) {
        return new Linear(reader.base(name + ".weight", out, in), biased ? reader.base(name + ".bias", out) : null);
    }

    /**
     * Reads GPT-2's Conv1D: {@code name.weight} stored {@code [in, out]}, used transposed so that
     * {@link #apply} is the same product, and {@code name.bias} {@code [out]}.
     *
     * @param reader the model's weight reader
     * @param name the layer's name without {@code .weight}
     * @param in the input width
     * @param out the output width
     * @return the layer
     */
    static Linear conv1d(WeightReader reader, String name, long in, long out) {
        return new Linear(reader.base(name + ".weight", in, out).transposed(), reader.base(name + ".bias", out));
    }
}
