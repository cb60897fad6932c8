package org.langscore.huggingface.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import ai.djl.ndarray.NDManager;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Opens the tensors of one model as {@link Weight}s in their stored precision, checking each shape
 * against what the config implies. Nothing is copied: F32 matrices are the mapped file, F16/BF16
 * matrices are widened at use into the model's {@link WideningArena}; the checkpoint stays open until
 * the model closes. Base-model tensors are found with
 * or without the family's prefix ({@code transformer.}, {@code model.}, {@code gpt_neox.}); head tensors
 * never carry it.
 */
final class WeightReader {

    private final SafetensorsCheckpoint checkpoint;
    private final Path folder;
    private final String prefix;
    private final NDManager manager;
    private final WideningArena arena = new WideningArena();
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
        // The weights map the file on use, layer by layer: it stays open as long as the model.
        arena.keepOpen(checkpoint);
    }

    /** @return the arena the weights of this reader widen into; the model resets it per layer */
    WideningArena arena() {
        return arena;
    }

    /** @return the number of parameters read so far */
    long parameterCount() {
        return parameterCount;
    }

    /** A required base-model tensor ({@code name} without the prefix). */
    Weight base(String name, long... shape) {
        return required(prefix + name, shape);
    }

    /** An optional base-model tensor. */
    Optional<Weight> optionalBase(String name, long... shape) {
        return optional(prefix + name, shape);
    }

    /** An optional head tensor (never prefixed). */
    Optional<Weight> optionalHead(String name, long... shape) {
        return optional(name, shape);
    }

    /** @return whether the checkpoint holds the head tensor */
    boolean hasHead(String name) {
        return checkpoint.entry(name) != null;
    }

    /** The model's head: the named tensor, or the input embedding when tied. */
    Weight head(String name, boolean tied, Weight embedding, long... shape) {
        if (tied) {
            return embedding;
        }
        return optional(name, shape).orElseThrow(() -> new ScoringException(ErrorCode.MODEL_LOAD_FAILED,
                "The checkpoint in " + folder + " has no '" + name + "' and config.json says the embeddings are not"
                        + " tied (tie_word_embeddings false): the output layer is missing"));
    }

    private Weight required(String fullName, long[] shape) {
        return optional(fullName, shape).orElseThrow(() -> new ScoringException(ErrorCode.MODEL_LOAD_FAILED,
                "The checkpoint in " + folder + " has no tensor '" + fullName + "' that config.json requires"));
    }

    private Optional<Weight> optional(String fullName, long[] shape) {
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
        SafetensorsFile.MappedTensor mapped = checkpoint.map(fullName);
        StoredType type = StoredType.of(mapped.dtype(), fullName, checkpoint.fileOf(fullName));
        return Optional.of(Weight.of(fullName, type, mapped.shape(), mapped.pages(), mapped.rowsPerBlock(), manager,
                arena));
    }
}
