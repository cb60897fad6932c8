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
 * head), touched once and reused instead of allocated per product. It also keeps the model's derived
 * weight copies (bfloat16 matrices), which live as long as the model.
 *
 * <p>Not thread-safe: one forward pass at a time (the model serialises its calls). A slot's contents
 * are valid until the next reset; arrays that wrap a slot must not outlive the layer that made them.
 */
final class WideningArena {

    /** The largest slot by default: a wider matrix is widened in row pieces of at most this size. */
    static final long MAX_SLOT_BYTES = 1L << 30;

    private final List<ByteBuffer> slots = new ArrayList<>();
    private final long maxSlotBytes;
    private final List<ai.djl.pytorch.jni.IValue> kept = new ArrayList<>();
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

    /** Makes every slot free again: called when a layer's scope has closed. */
    void reset() {
        next = 0;
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

    /** Frees the kept copies; called when the model closes. */
    synchronized void closeKept() {
        for (ai.djl.pytorch.jni.IValue copy : kept) {
            copy.close();
        }
        kept.clear();
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
