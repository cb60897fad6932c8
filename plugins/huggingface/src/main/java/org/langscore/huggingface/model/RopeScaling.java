package org.langscore.huggingface.model;

import java.util.Optional;
import java.util.Set;

/**
 * A {@code rope_scaling} entry of config.json.
 *
 * @param type how positions or frequencies are scaled
 * @param factor the scaling factor (1 for none)
 * @param lowFreqFactor llama3 only
 * @param highFreqFactor llama3 only
 * @param originalMaxPositions llama3 only: {@code original_max_position_embeddings}
 */
public record RopeScaling(Type type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositions) {

    /** The scaling rules that langscore implements. */
    public enum Type {
        /** Plain RoPE. */
        NONE,
        /** Positions divided by the factor. */
        LINEAR,
        /** The base enlarged when a call reaches past {@code max_position_embeddings}. */
        DYNAMIC,
        /** Llama 3.1's per-frequency smoothing. */
        LLAMA3
    }

    /** Plain RoPE. */
    public static final RopeScaling NONE = new RopeScaling(Type.NONE, 1, 0, 0, 0);

    public RopeScaling {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("rope scaling factor must be positive: " + factor);
        }
    }

    /**
     * Reads {@code rope_scaling}.
     *
     * @param config the config
     * @param allowed the types this family accepts
     * @return the scaling, {@link #NONE} when absent
     */
    public static RopeScaling fromConfig(ConfigJson config, Set<Type> allowed) {
        Optional<ConfigJson> entry = config.object("rope_scaling");
        if (entry.isEmpty()) {
            return NONE;
        }
        ConfigJson scaling = entry.get();
        String name = scaling.string(null, "type", "rope_type");
        if (name == null) {
            throw config.invalid("rope_scaling", "has no 'type'");
        }
        Type type;
        switch (name) {
            case "linear":
                type = Type.LINEAR;
                break;
            case "dynamic":
                type = Type.DYNAMIC;
                break;
            case "llama3":
                type = Type.LLAMA3;
                break;
            case "default":
                return NONE;
            default:
                throw config.invalid("rope_scaling", "has type '" + name + "', which is not supported");
        }
        if (!allowed.contains(type)) {
            throw config.invalid("rope_scaling", "has type '" + name + "', which this architecture does not support");
        }
        double factor = scaling.number(Double.NaN, "factor");
        if (!(factor > 0)) {
            throw config.invalid("rope_scaling", "needs a positive 'factor'");
        }
        if (type == Type.LLAMA3) {
            return new RopeScaling(type, factor, scaling.number(1, "low_freq_factor"),
                    scaling.number(4, "high_freq_factor"), scaling.integer(8192, "original_max_position_embeddings"));
        }
        return new RopeScaling(type, factor, 0, 0, 0);
    }
}
