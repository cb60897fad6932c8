package org.langscore.huggingface.memory;

/**
 * The memory one model run is expected to need, in bytes, by part.
 *
 * @param mappedWeightBytes the checkpoint's data, read through the page cache (reclaimable: when it does
 *     not fit, the weights are streamed from disk at every sweep)
 * @param residentWeightBytes float32 weight copies kept for the model's lifetime
 * @param widenedLayerBytes the arena into which one layer's F16/BF16 matrices are widened (Java direct memory)
 * @param kvCacheBytes the KV cache at its longest
 * @param activationBytes one forward call's intermediates
 * @param logitsBytes one forward call's logits and log-probabilities
 * @param overheadBytes the JVM and libtorch themselves
 * @param cachedTokens the cache length assumed
 * @param tokensPerCall the new tokens per forward call assumed
 */
public record MemoryEstimate(long mappedWeightBytes, long residentWeightBytes, long widenedLayerBytes,
                             long kvCacheBytes, long activationBytes, long logitsBytes, long overheadBytes,
                             int cachedTokens, int tokensPerCall) {

    /** What the JVM and libtorch take before any model: measured at about 300 MB here, rounded up. */
    public static final long RUNTIME_OVERHEAD_BYTES = 512L << 20;

    /** @return what cannot be given back to the kernel while the run lasts (everything but the mapped file) */
    public long workingBytes() {
        return residentWeightBytes + widenedLayerBytes + kvCacheBytes + activationBytes + logitsBytes + overheadBytes;
    }

    /** @return the working memory plus the whole checkpoint held in the page cache */
    public long totalBytes() {
        return workingBytes() + mappedWeightBytes;
    }

    /** @return the parts in words, for a message */
    public String describe() {
        return "weights " + gib(mappedWeightBytes) + " mapped + " + gib(residentWeightBytes) + " resident, one layer"
                + " widened " + gib(widenedLayerBytes) + ", KV cache " + gib(kvCacheBytes) + " (" + cachedTokens
                + " tokens), activations and logits " + gib(activationBytes + logitsBytes) + " (" + tokensPerCall
                + " tokens per call)";
    }

    /** @return bytes as GiB with one decimal */
    static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
