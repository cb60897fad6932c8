package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * The keys and values of every layer for one sequence, each {@code [Hkv, length, d]}, oldest first,
 * in the cache's own native memory. Keys are stored after the rotary embedding, at the positions
 * they were computed at.
 */
final class LayerKvCache implements KvCache {

    private final NDManager manager;
    private final Object owner;
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;
    private boolean updating;

    /**
     * @param manager the cache's own manager (closed with the cache)
     * @param owner the model the cache belongs to
     * @param layers the number of layers
     */
    LayerKvCache(NDManager manager, Object owner, int layers) {
        this.manager = manager;
        this.owner = owner;
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** @return the model that made this cache */
    Object owner() {
        return owner;
    }

    @Override
    public int length() {
        return length;
    }

    /** Marks the start of a forward call; a call that fails half-way leaves the cache unusable. */
    void beginUpdate() {
        if (updating) {
            throw new IllegalStateException("The KV cache was left inconsistent by a failed forward call");
        }
        if (!manager.isOpen()) {
            throw new IllegalStateException("The KV cache is closed");
        }
        updating = true;
    }

    /** Marks the end of a forward call that appended {@code count} positions to every layer. */
    void endUpdate(int count) {
        length += count;
        updating = false;
    }

    /**
     * Appends the new keys and values of one layer.
     *
     * @param layer the layer
     * @param newKeys {@code [Hkv, n, d]}
     * @param newValues {@code [Hkv, n, d]}
     * @param step the call's manager: the returned arrays are lent to it until it closes
     * @return {all keys, all values}, each {@code [Hkv, length + n, d]}
     */
    NDArray[] append(int layer, NDArray newKeys, NDArray newValues, NDManager step) {
        keys[layer] = extend(keys[layer], newKeys);
        values[layer] = extend(values[layer], newValues);
        // Lent to the call's manager so that ops on them allocate there; returned here when it closes.
        keys[layer].tempAttach(step);
        values[layer].tempAttach(step);
        return new NDArray[] {keys[layer], values[layer]};
    }

    private NDArray extend(NDArray old, NDArray added) {
        NDArray all = old == null ? added : NDArrays.concat(new NDList(old, added), 1);
        all.attach(manager);
        if (old != null) {
            old.close();
        }
        return all;
    }

    @Override
    public void evictOldest(int count) {
        if (count < 0 || count > length) {
            throw new IllegalArgumentException("Cannot evict " + count + " of " + length + " cached positions");
        }
        if (count == 0) {
            return;
        }
        for (int layer = 0; layer < keys.length; layer++) {
            keys[layer] = dropOldest(keys[layer], count);
            values[layer] = dropOldest(values[layer], count);
        }
        length -= count;
    }

    private NDArray dropOldest(NDArray array, int count) {
        // A view: the evicted entries' memory is freed by the next append, which copies the cache anyway.
        NDArray kept = count == length ? null : array.get(new NDIndex(":, {}:, :", count));
        array.close();
        return kept;
    }

    @Override
    public void close() {
        manager.close();
    }
}
