package org.langscore.huggingface.memory;

import java.util.ArrayList;
import java.util.List;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Decides, before any weight is read, whether a model run fits the memory there is, and refuses in one
 * line when it does not: the estimate, what is available, and what would fit.
 *
 * <p>The working memory (resident copies, the widening arena, the KV cache, one call's activations and
 * logits, the runtime) must fit what the kernel and the control group allow, and the arena must fit the
 * JVM's direct-memory limit. The mapped checkpoint need not fit: its pages are clean and the kernel drops
 * them under pressure, so a model larger than memory runs with its weights streamed from disk at every
 * sweep (slower; larger chunks sweep less often).
 */
public final class MemoryPreflight {

    /** How the run will use memory when it fits. */
    public enum Verdict {
        /** Everything, the checkpoint included, fits in memory. */
        IN_MEMORY,
        /** The working memory fits but the checkpoint does not stay cached: weights are re-read per sweep. */
        STREAMING
    }

    private MemoryPreflight() {
    }

    /**
     * @param model the model, for the message
     * @param footprint the model's footprint
     * @param cachedTokens the policy's window
     * @param tokensPerCall the policy's tokens per forward call
     * @param available what the machine and JVM have
     * @return the verdict when the run fits
     * @throws ScoringException {@link ErrorCode#INSUFFICIENT_MEMORY} when it does not, with what would fit
     */
    public static Verdict check(String model, ModelFootprint footprint, int cachedTokens, int tokensPerCall,
                                AvailableMemory available) {
        MemoryEstimate estimate = footprint.forRun(cachedTokens, tokensPerCall);
        if (estimate.widenedLayerBytes() > available.directMemoryBytes()) {
            throw new ScoringException(ErrorCode.INSUFFICIENT_MEMORY, "Model " + model + " widens one layer's weights"
                    + " into " + MemoryEstimate.gib(estimate.widenedLayerBytes()) + " of Java direct memory, above the"
                    + " JVM's limit of " + MemoryEstimate.gib(available.directMemoryBytes()) + "; start it with"
                    + " LANGSCORE_JAVA_OPTS=-XX:MaxDirectMemorySize="
                    + ((estimate.widenedLayerBytes() >> 30) + 2) + "g");
        }
        long usable = available.usableBytes();
        if (estimate.workingBytes() > usable) {
            throw new ScoringException(ErrorCode.INSUFFICIENT_MEMORY, "Model " + model + " needs about "
                    + MemoryEstimate.gib(estimate.workingBytes()) + " of working memory (" + estimate.describe()
                    + ") but only " + MemoryEstimate.gib(usable) + " is available (" + availability(available) + "); "
                    + suggestion(footprint, cachedTokens, tokensPerCall, usable));
        }
        return estimate.totalBytes() <= usable ? Verdict.IN_MEMORY : Verdict.STREAMING;
    }

    private static String availability(AvailableMemory available) {
        String system = "MemAvailable " + MemoryEstimate.gib(available.systemBytes());
        return available.cgroupBytes() == Long.MAX_VALUE ? system
                : system + ", cgroup allows " + MemoryEstimate.gib(available.cgroupBytes());
    }

    /** The nearest runs that would fit: a smaller chunk, else a smaller window too. */
    private static String suggestion(ModelFootprint footprint, int cachedTokens, int tokensPerCall, long usable) {
        List<String> options = new ArrayList<>();
        for (int chunk = tokensPerCall / 2; chunk >= 1; chunk /= 2) {
            if (footprint.forRun(cachedTokens, chunk).workingBytes() <= usable) {
                options.add("--chunk " + chunk);
                break;
            }
        }
        for (int window = cachedTokens / 2; window >= 16; window /= 2) {
            int chunk = Math.min(tokensPerCall, window);
            if (footprint.forRun(window, chunk).workingBytes() <= usable) {
                options.add("--window " + window + (chunk < tokensPerCall ? " --chunk " + chunk : ""));
                break;
            }
        }
        if (options.isEmpty()) {
            return "even one token at a time with a 16-token window does not fit: free memory or use a larger machine";
        }
        return "would fit: " + String.join(", or ", options) + " (and --batch 1 for many short texts)";
    }
}
