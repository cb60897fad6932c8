package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;

/** The MLP activations of the supported families, by their config.json names. */
public enum Activation {
    /** {@code gelu_new}, {@code gelu_pytorch_tanh}, {@code gelu_fast}: the tanh approximation of GELU. */
    GELU_TANH,
    /** {@code gelu}: the exact GELU, {@code 0.5x(1 + erf(x/sqrt 2))}. */
    GELU_ERF,
    /** {@code silu}, {@code swish}: {@code x * sigmoid(x)}. */
    SILU,
    /** {@code relu}. */
    RELU;

    /**
     * @param config the config (for the error message)
     * @param key the key the name came from
     * @param name the config.json name
     * @return the activation
     */
    public static Activation fromConfig(ConfigJson config, String key, String name) {
        switch (name) {
            case "gelu_new":
            case "gelu_pytorch_tanh":
            case "gelu_fast":
                return GELU_TANH;
            case "gelu":
                return GELU_ERF;
            case "silu":
            case "swish":
                return SILU;
            case "relu":
                return RELU;
            default:
                throw config.invalid(key, "names the activation '" + name
                        + "', which is not supported (supported: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, silu, relu)");
        }
    }

    /**
     * @param x the input (its manager receives the result and the intermediates)
     * @return the activation applied element-wise
     */
    public NDArray apply(NDArray x) {
        switch (this) {
            case GELU_TANH:
                // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) in one libtorch kernel
                return ScriptedOps.geluTanh(x);
            case GELU_ERF:
                return x.getNDArrayInternal().gelu();
            case SILU:
                return ScriptedOps.silu(x);
            case RELU:
                return x.getNDArrayInternal().relu();
        }
        throw new AssertionError(this);
    }
}
