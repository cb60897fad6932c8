package org.langscore.huggingface;

import java.util.Locale;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * How a run holds the matrices of its float32 products: the {@code weights} option.
 */
public enum WeightsChoice {
    /** Packed when the packed copies fit in memory with room to spare, else stored (the default). */
    AUTO("auto"),
    /**
     * Every matrix reordered once into oneDNN's layout and kept as float32 for the model's lifetime: the
     * fastest products, 4 bytes of resident memory per weight (twice a BF16 file).
     */
    PACKED("packed"),
    /** The weights read from the file in their stored precision, one layer at a time: the least memory. */
    STORED("stored");

    private final String label;

    WeightsChoice(String label) {
        this.label = label;
    }

    /** @return the option value: {@code auto}, {@code packed} or {@code stored} */
    public String label() {
        return label;
    }

    /**
     * @param value an option value
     * @return its choice
     * @throws ScoringException {@link ErrorCode#INVALID_ARGUMENT} naming the value and the choices
     */
    public static WeightsChoice parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (WeightsChoice choice : values()) {
            if (choice.label.equals(wanted)) {
                return choice;
            }
        }
        throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "option 'weights' must be auto, packed or stored, got '"
                + value + "'");
    }
}
