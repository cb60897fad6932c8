package org.langscore.huggingface.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.langscore.huggingface.model.ConfigJson;
import org.langscore.huggingface.model.SafetensorsCheckpoint;
import org.langscore.huggingface.model.SafetensorsFile;

/**
 * What a model's memory use depends on, read from {@code config.json} and the safetensors headers alone
 * (no weight is touched). Every size is in bytes.
 *
 * @param mappedWeightBytes the checkpoint's tensor data: mapped layer by layer, and read through the page
 *     cache at every sweep (only one layer's pages are in the process at a time)
 * @param residentWeightBytes float32 copies kept for the model's lifetime (the vectors: gains and biases)
 * @param widenedLayerBytes the widening arena: the largest layer's F16/BF16 matrices (and F32 ones too
 *     large for one mapping) as float32, plus one 64 MiB piece of the output layer when it is stored that
 *     way
 * @param kvBytesPerToken one cached token's keys and values over all layers, float32
 * @param layers decoder layers
 * @param heads query heads
 * @param hiddenSize the residual width
 * @param intermediateSize the MLP's inner width
 * @param vocabSize the output layer's rows
 * @param matrixElements the elements of every matrix (the weights of the products)
 */
public record ModelFootprint(long mappedWeightBytes, long residentWeightBytes, long widenedLayerBytes,
                             long kvBytesPerToken, int layers, int heads, int hiddenSize, int intermediateSize,
                             int vocabSize, long matrixElements) {

    /** The index of the layer a tensor belongs to: the first {@code .N.} in its name. */
    private static final Pattern LAYER = Pattern.compile("\\.(\\d+)\\.");
    /** The largest tensor one mapping holds; larger F32 tensors are widened (copied) on use like F16/BF16. */
    private static final long MAX_MAPPING = 1L << 30;
    /** The most bytes of logits one forward call writes at once (the HF model's DecoderModel). */
    private static final long LOGITS_PIECE_BYTES = 32L << 20;
    /** The largest piece of the output layer widened at once (the HF model's Weight.linearRows). */
    private static final long HEAD_PIECE_BYTES = 64L << 20;

    /**
     * Reads the footprint of a model folder's files.
     *
     * @param config the model's config.json
     * @param checkpoint its open checkpoint (headers only are read)
     * @return the footprint
     */
    public static ModelFootprint of(ConfigJson config, SafetensorsCheckpoint checkpoint) {
        int layers = config.integer(0, "num_hidden_layers", "n_layer", "num_layers", "n_layers");
        int heads = config.integer(1, "num_attention_heads", "n_head", "num_heads", "n_heads");
        int hidden = config.integer(0, "hidden_size", "n_embd", "d_model");
        int headDim = config.integer(heads > 0 && hidden > 0 ? hidden / heads : 0, "head_dim");
        int kvHeads = config.bool(false, "multi_query") ? 1
                : config.integer(heads, "num_key_value_heads", "num_kv_heads", "n_head_kv");
        java.util.Optional<ConfigJson> attention = config.object("attn_config");   // MPT
        if (attention.isPresent()) {
            kvHeads = attention.get().integer(kvHeads, "kv_n_heads");
        }
        int inner = config.integer(0, "intermediate_size", "n_inner", "ffn_hidden_size", "ffn_dim");
        if (inner <= 0) {
            inner = (int) Math.round(config.number(4, "expansion_ratio") * hidden);
        }
        int vocab = config.integer(0, "vocab_size");

        long mapped = 0;
        long resident = 0;
        long largestOutside = 0;
        long matrixElements = 0;
        Map<String, Long> widenedPerLayer = new HashMap<>();
        for (String name : checkpoint.names()) {
            SafetensorsFile.Entry entry = checkpoint.entry(name);
            long stored = entry.end() - entry.begin();
            long floats = entry.elementCount() * 4;
            boolean f32 = entry.dtype().equals("F32");
            boolean matrix = entry.shape().length >= 2;
            mapped += stored;
            matrixElements += matrix ? entry.elementCount() : 0;
            if (!matrix) {
                resident += floats;
            } else if (!f32 || stored > MAX_MAPPING) {
                Matcher layer = LAYER.matcher(name);
                if (layer.find()) {
                    widenedPerLayer.merge(layer.group(1), floats, Long::sum);
                } else {
                    largestOutside = Math.max(largestOutside, floats);
                }
            }
        }
        long largestLayer = widenedPerLayer.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long kvPerToken = (long) layers * 2 * kvHeads * headDim * 4;
        // The output layer is widened in pieces of at most 64 MiB (the embedding is read row by row).
        long headPiece = Math.min(largestOutside, HEAD_PIECE_BYTES);
        return new ModelFootprint(mapped, resident, largestLayer + headPiece, kvPerToken, layers, heads, hidden,
                inner, vocab, matrixElements);
    }

    /**
     * @return this footprint with every matrix also kept as a bfloat16 copy in libtorch (2 bytes per
     *     element), as {@code dtype=bfloat16} runs its products
     */
    public ModelFootprint withBfloat16Copies() {
        return new ModelFootprint(mappedWeightBytes, residentWeightBytes + 2 * matrixElements, widenedLayerBytes,
                kvBytesPerToken, layers, heads, hiddenSize, intermediateSize, vocabSize, matrixElements);
    }

    /**
     * @return this footprint with every matrix also kept as a float32 copy packed for oneDNN (4 bytes per
     *     element), as float32 products with {@code weights=packed} run
     */
    public ModelFootprint withPackedCopies() {
        return new ModelFootprint(mappedWeightBytes, residentWeightBytes + 4 * matrixElements, widenedLayerBytes,
                kvBytesPerToken, layers, heads, hiddenSize, intermediateSize, vocabSize, matrixElements);
    }

    /**
     * The estimate of one run.
     *
     * @param cachedTokens the most keys a layer holds (the policy's window)
     * @param tokensPerCall the most new tokens in one forward call (the chunk; the window for truncate)
     * @return the estimate
     */
    public MemoryEstimate forRun(int cachedTokens, int tokensPerCall) {
        long keys = (long) cachedTokens + tokensPerCall;
        long n = tokensPerCall;
        // The cache, plus one layer's copy while new keys are appended (the join allocates anew).
        long kv = kvBytesPerToken * keys + (layers == 0 ? 0 : kvBytesPerToken / layers * keys);
        // Scores, masked scores and probabilities; the mask; the MLP's inner products; the hidden states.
        long activations = 3L * heads * n * keys * 4 + n * keys * 4 + 3L * n * intermediateSize * 4
                + 8L * n * hiddenSize * 4;
        // Logits, their exponentials and the pick: the whole vocabulary, or one 32 MiB piece of it at a time.
        long logits = 3L * Math.min(n * vocabSize * 4, LOGITS_PIECE_BYTES);
        return new MemoryEstimate(mappedWeightBytes, residentWeightBytes, widenedLayerBytes, kv, activations, logits,
                MemoryEstimate.RUNTIME_OVERHEAD_BYTES, cachedTokens, tokensPerCall);
    }
}
