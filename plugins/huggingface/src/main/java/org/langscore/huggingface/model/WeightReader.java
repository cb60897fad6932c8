package org.langscore.huggingface.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Reads the tensors of one model into the weights' manager, checking each shape against what the
 * config implies. Base-model tensors are found with or without the family's prefix
 * ({@code transformer.}, {@code model.}, {@code gpt_neox.}); head tensors never carry it.
 */
final class WeightReader {

    private final SafetensorsCheckpoint checkpoint;
    private final Path folder;
    private final String prefix;
    private final NDManager manager;
    private long parameterCount;

    /**
     * @param checkpoint the open checkpoint
     * @param folder the model folder (for messages)
     * @param basePrefix the family's base-model prefix, with its dot
     * @param manager where the weights are created
     */
    WeightReader(SafetensorsCheckpoint checkpoint, Path folder, String basePrefix, NDManager manager) {
        this.checkpoint = checkpoint;
        this.folder = folder;
        this.manager = manager;
        boolean prefixed = checkpoint.names().stream().anyMatch(name -> name.startsWith(basePrefix));
        this.prefix = prefixed ? basePrefix : "";
    }

    /** @return the number of parameters read so far */
    long parameterCount() {
        return parameterCount;
    }

    /** A required base-model tensor ({@code name} without the prefix). */
    NDArray base(String name, long... shape) {
        return required(prefix + name, shape);
    }

    /** An optional base-model tensor. */
    Optional<NDArray> optionalBase(String name, long... shape) {
        return optional(prefix + name, shape);
    }

    /** An optional head tensor (never prefixed). */
    Optional<NDArray> optionalHead(String name, long... shape) {
        return optional(name, shape);
    }

    /** @return whether the checkpoint holds the head tensor */
    boolean hasHead(String name) {
        return checkpoint.entry(name) != null;
    }

    /** The model's head: the named tensor, or the input embedding when tied. */
    NDArray head(String name, boolean tied, NDArray embedding, long... shape) {
        if (tied) {
            return embedding;
        }
        return optional(name, shape).orElseThrow(() -> new ScoringException(ErrorCode.MODEL_LOAD_FAILED,
                "The checkpoint in " + folder + " has no '" + name + "' and config.json says the embeddings are not"
                        + " tied (tie_word_embeddings false): the output layer is missing"));
    }

    private NDArray required(String fullName, long[] shape) {
        return optional(fullName, shape).orElseThrow(() -> new ScoringException(ErrorCode.MODEL_LOAD_FAILED,
                "The checkpoint in " + folder + " has no tensor '" + fullName + "' that config.json requires"));
    }

    private Optional<NDArray> optional(String fullName, long[] shape) {
        SafetensorsFile.Entry entry = checkpoint.entry(fullName);
        if (entry == null) {
            return Optional.empty();
        }
        if (!Arrays.equals(entry.shape(), shape)) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Tensor '" + fullName + "' in "
                    + checkpoint.fileOf(fullName) + " has shape " + Arrays.toString(entry.shape())
                    + " but config.json implies " + Arrays.toString(shape));
        }
        parameterCount += entry.elementCount();
        return Optional.of(checkpoint.read(fullName, manager));
    }
}
