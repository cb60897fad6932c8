package org.langscore.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryCheckpointStoreTest {

    @Test
    void savesLoadsReplacesAndDeletes(@TempDir Path directory) {
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(directory.resolve("ckpt"));
        assertTrue(store.load("a/b").isEmpty());
        store.save("a/b", new byte[] {1, 2});
        store.save("a/b", new byte[] {3});
        assertArrayEquals(new byte[] {3}, store.load("a/b").orElseThrow());
        store.delete("a/b");
        assertTrue(store.load("a/b").isEmpty());
    }
}
