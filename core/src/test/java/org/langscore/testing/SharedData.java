package org.langscore.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one locator of the read-only shared reference data and model fixtures (the folder the system
 * property {@code langscore.shared.dir} names; the parent pom sets it to {@code ../shared} for every
 * test JVM). A test that needs a missing file fails with an {@link AssertionError} naming it; it never
 * skips. Shared by every module through core's test-jar.
 */
public final class SharedData {
    /** The system property that names the shared folder. */
    public static final String PROPERTY = "langscore.shared.dir";

    private SharedData() {
    }

    /** @return the shared folder, holding {@code data/} and {@code fixtures/} */
    public static Path root() {
        String shared = System.getProperty(PROPERTY);
        if (shared == null || shared.isBlank()) {
            throw new AssertionError("system property " + PROPERTY + " is not set: run the tests through Maven,"
                    + " or pass -D" + PROPERTY + "=<path to shared>");
        }
        Path root = Path.of(shared);
        if (!Files.isDirectory(root)) {
            throw new AssertionError("the shared reference folder " + root + " (" + PROPERTY + ") is missing");
        }
        return root;
    }

    /** @return {@code data/}, laid out as a langscore data directory */
    public static Path dataDirectory() {
        return existing(root().resolve("data"));
    }

    /**
     * @param relative a path below {@code data/} ({@code naturalstories/all_stories.tok})
     * @return the file or folder, which must exist
     */
    public static Path data(String relative) {
        return existing(dataDirectory().resolve(relative));
    }

    /** @return the folder of the small HuggingFace model fixtures, {@code fixtures/hf-tiny}, which must exist */
    public static Path fixtures() {
        return existing(root().resolve("fixtures").resolve("hf-tiny"));
    }

    /**
     * @param name a folder of {@code fixtures/hf-tiny} ({@code gpt2-realtok-0})
     * @return the model fixture folder, which must hold a {@code config.json}
     */
    public static Path fixture(String name) {
        Path folder = root().resolve("fixtures").resolve("hf-tiny").resolve(name);
        existing(folder.resolve("config.json"));
        return folder;
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new AssertionError("the shared reference data " + path + " is missing");
        }
        return path;
    }
}
