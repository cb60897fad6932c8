package org.langscore.huggingface.model;

import java.util.Locale;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The number type of a model's weight products. Everything else (embeddings, norms, attention's
 * softmax, the log-softmax and the log-probabilities) stays float32 in both.
 */
public enum ProductPrecision {
    /** Every product in float32: the reference, equal to transformers' float32 within the parity tolerances. */
    FLOAT32("float32"),
    /**
     * Weight products (the output layer's included) with both operands rounded to bfloat16 (8 significant
     * bits), float32 accumulation, the bias and any fused activation applied and the result rounded to
     * bfloat16, inside a TorchScript module (AMX / AVX512-BF16 where the CPU has them); float32 in and out,
     * residual adds in float32. Where the CPU has AMX attention's two products are bfloat16 as well, its
     * softmax float32 ({@link CausalLanguageModel#attentionProducts()}). Tolerance: per-token
     * log-probabilities correlate with the float32 run at Pearson r of at least 0.999 (tested on the
     * fixtures and on the Natural Stories corpus); single values differ by the rounding of the logits
     * (2^-9 of their size).
     */
    BFLOAT16("bfloat16");

    private final String label;

    ProductPrecision(String label) {
        this.label = label;
    }

    /** @return the name used in options and settings: {@code float32} or {@code bfloat16} */
    public String label() {
        return label;
    }

    /**
     * @param value an option value
     * @return its precision
     * @throws ScoringException {@link ErrorCode#INVALID_ARGUMENT} naming the value and the choices
     */
    public static ProductPrecision parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (ProductPrecision precision : values()) {
            if (precision.label.equals(wanted)) {
                return precision;
            }
        }
        throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "option 'dtype' must be float32 or bfloat16, got '"
                + value + "'");
    }
}
