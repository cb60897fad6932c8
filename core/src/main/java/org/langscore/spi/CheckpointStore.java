package org.langscore.spi;

import java.util.Optional;

/**
 * Keeps intermediate results of a long evaluation so that it can resume after a crash. Keys are
 * chosen by the benchmark and must include the subject and everything the result depends on.
 */
public interface CheckpointStore {
    /** A store that keeps nothing. */
    CheckpointStore NONE = new CheckpointStore() {
        @Override
        public Optional<byte[]> load(String key) {
            return Optional.empty();
        }

        @Override
        public void save(String key, byte[] data) {
        }

        @Override
        public void delete(String key) {
        }
    };

    /** @return the data last saved under the key, if any */
    Optional<byte[]> load(String key);

    /** Saves data under the key atomically: a reader sees the old or the new data, never a part. */
    void save(String key, byte[] data);

    /** Removes the key, if present. */
    void delete(String key);
}
