package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;

/**
 * What happens to a weight product's output before it leaves the product: nothing, an activation, a
 * multiplication by another array of the output's shape (a gated MLP's gate) or the addition of one (a
 * residual connection). With packed matrices
 * (float32 or bfloat16) oneDNN does it inside the product as a post-op, on each output block while it is
 * still in the cache; otherwise it runs as its own op after the product ({@link #applySeparately}), with
 * the same result up to float32 rounding.
 *
 * <p>Measured on GPT-2's MLP ({@code [512, 768] x [768, 3072]}, then tanh GELU): float32 8.8 ms as two
 * ops, 7.6 ms fused; bfloat16 3.4 ms as two ops, 1.6 ms fused (libtorch's own tanh GELU kernel alone
 * takes 1.4 ms).
 */
enum Epilogue {
    /** The product alone. */
    NONE(0),
    /** {@link Activation#GELU_TANH} of the product. */
    GELU_TANH(1),
    /** {@link Activation#GELU_ERF} of the product. */
    GELU_ERF(2),
    /** {@link Activation#SILU} of the product. */
    SILU(3),
    /** {@link Activation#RELU} of the product. */
    RELU(4),
    /** The product times another array of its shape, element by element. */
    TIMES(5),
    /**
     * The product plus another array of its shape (a residual connection). Inside a float32 product it is
     * the same single float32 addition; a bfloat16 product adds it in float32 after widening, so that the
     * residual stream is never rounded to bfloat16.
     */
    PLUS(6);

    private final int code;

    Epilogue(int code) {
        this.code = code;
    }

    /** @return the number the TorchScript product modules branch on */
    int code() {
        return code;
    }

    /** @return the epilogue that applies {@code activation} */
    static Epilogue of(Activation activation) {
        switch (activation) {
            case GELU_TANH:
                return GELU_TANH;
            case GELU_ERF:
                return GELU_ERF;
            case SILU:
                return SILU;
            case RELU:
                return RELU;
        }
        throw new AssertionError(activation);
    }

    /** @return whether the epilogue takes a second array ({@link #TIMES}, {@link #PLUS}) */
    boolean takesOther() {
        return this == TIMES || this == PLUS;
    }

    /**
     * The epilogue as its own op after a product.
     *
     * @param product the product's output
     * @param other the array {@link #TIMES} multiplies by or {@link #PLUS} adds, of the product's shape;
     *     ignored otherwise
     * @return the output, in the manager of {@code product}
     */
    NDArray applySeparately(NDArray product, NDArray other) {
        switch (this) {
            case NONE:
                return product;
            case GELU_TANH:
                return Activation.GELU_TANH.apply(product);
            case GELU_ERF:
                return Activation.GELU_ERF.apply(product);
            case SILU:
                return Activation.SILU.apply(product);
            case RELU:
                return Activation.RELU.apply(product);
            case TIMES:
                return product.mul(other);
            case PLUS:
                return other.add(product);
        }
        throw new AssertionError(this);
    }
}
