package org.langscore.huggingface.model;

/**
 * The mutable state of one sequence: each layer's cached keys and values, oldest first. Owned by one
 * thread; closed by whoever created it.
 */
public interface KvCache extends AutoCloseable {

    /** @return how many positions are cached */
    int length();

    /** Drops the {@code count} oldest cached positions in every layer. */
    void evictOldest(int count);

    /** Releases the native memory of the cache. */
    @Override
    void close();
}
