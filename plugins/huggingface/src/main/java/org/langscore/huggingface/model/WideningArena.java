package org.langscore.huggingface.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The reusable float32 buffers into which a model widens its F16/BF16 matrices just before their
 * products. One layer's matrices take one slot each, in order; {@link #reset} hands the same slots to
 * the next layer, so the widened copies of all layers share the memory of the largest layer (plus the
 * head), touched once and reused instead of allocated per product. A reset also unmaps the stored
 * weights the layer mapped ({@link TensorPages}), so the model's resident weights are one layer's. It
 * keeps the model's derived weight copies (bfloat16 matrices) and its open checkpoint, which live as
 * long as the model.
 *
 * <p>Not thread-safe: one forward pass at a time (the model serialises its calls). A slot's contents
 * and a mapped weight are valid until the next reset; arrays that wrap either must not outlive the layer
 * that made them.
 */
final class WideningArena {

    /** The largest slot by default: a wider matrix is widened in row pieces of at most this size. */
    static final long MAX_SLOT_BYTES = 1L << 30;

    private final List<ByteBuffer> slots = new ArrayList<>();
    private final long maxSlotBytes;
    private final List<ai.djl.pytorch.jni.IValue> kept = new ArrayList<>();
    private final List<TensorPages> mapped = new ArrayList<>();
    private final List<AutoCloseable> openUntilClose = new ArrayList<>();
    private int next;

    /** An arena with slots of up to {@link #MAX_SLOT_BYTES}. */
    WideningArena() {
        this(MAX_SLOT_BYTES);
    }

    /** @param maxSlotBytes the largest slot (tests use tiny ones to exercise the row pieces) */
    WideningArena(long maxSlotBytes) {
        this.maxSlotBytes = maxSlotBytes;
    }

    /** @return the largest slot this arena hands out */
    long maxSlotBytes() {
        return maxSlotBytes;
    }

    /**
     * Makes every slot free again and unmaps the weights mapped since the last reset: called when a
     * layer's scope has closed.
     */
    void reset() {
        next = 0;
        for (TensorPages pages : mapped) {
            pages.release();
        }
        mapped.clear();
    }

    /**
     * Notes that a layer maps a weight's pages: they are unmapped at the next {@link #reset}.
     *
     * @param pages the weight's pages
     */
    void holdUntilReset(TensorPages pages) {
        if (!mapped.contains(pages)) {
            mapped.add(pages);
        }
    }

    /**
     * Keeps a resource (the model's open checkpoint, whose file channel maps the weights on use) open until
     * {@link #closeKept}.
     *
     * @param resource the resource
     */
    synchronized void keepOpen(AutoCloseable resource) {
        openUntilClose.add(resource);
    }

    /**
     * @param bytes the size wanted, at most {@link #maxSlotBytes()}
     * @return a native-order direct buffer of exactly {@code bytes} bytes, valid until the next reset
     * @throws ScoringException {@link ErrorCode#INSUFFICIENT_MEMORY} when Java's direct memory is exhausted
     */
    ByteBuffer take(long bytes) {
        if (bytes > maxSlotBytes) {
            throw new IllegalArgumentException("slot of " + bytes + " bytes is above " + maxSlotBytes);
        }
        if (next == slots.size()) {
            slots.add(null);
        }
        ByteBuffer slot = slots.get(next);
        if (slot == null || slot.capacity() < bytes) {
            slots.set(next, null);
            try {
                slot = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
            } catch (OutOfMemoryError e) {
                throw new ScoringException(ErrorCode.INSUFFICIENT_MEMORY, "Not enough Java direct memory to widen a"
                        + " weight matrix of " + bytes + " bytes to float32 (widened so far: " + capacity()
                        + " bytes); raise -XX:MaxDirectMemorySize", e);
            }
            slots.set(next, slot);
        }
        next++;
        return slot.duplicate().clear().limit((int) bytes).slice().order(ByteOrder.nativeOrder());
    }

    /**
     * Keeps a derived copy of a weight (a bfloat16 matrix) until {@link #closeKept}: the model's lifetime.
     *
     * @param copy a libtorch-owned value
     * @return {@code copy}
     */
    synchronized ai.djl.pytorch.jni.IValue keep(ai.djl.pytorch.jni.IValue copy) {
        kept.add(copy);
        return copy;
    }

    /** Frees the kept copies, unmaps the weights and closes the checkpoint; called when the model closes. */
    synchronized void closeKept() {
        for (ai.djl.pytorch.jni.IValue copy : kept) {
            copy.close();
        }
        kept.clear();
        reset();
        for (AutoCloseable resource : openUntilClose) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + resource, e);
            }
        }
        openUntilClose.clear();
    }

    /** @return how many derived copies (bfloat16 or packed matrices) the arena keeps */
    synchronized int keptCount() {
        return kept.size();
    }

    /** @return the bytes the arena holds */
    long capacity() {
        long total = 0;
        for (ByteBuffer slot : slots) {
            total += slot == null ? 0 : slot.capacity();
        }
        return total;
    }
}
