package org.langscore.syntaxgym.suite;

import java.net.URI;
import java.util.Objects;

import org.langscore.runtime.DataFile;

/**
 * One suite file of the catalogue: its name, the SHA-256 of the pinned upstream file, and whether
 * Brain-Score's {@code syntaxgym-2020} aggregate uses it.
 *
 * @param name the suite name, which is also the file name without {@code .json} and {@code meta.name}
 * @param sha256 the SHA-256 of the file, lower-case hex
 * @param inBrainScore2020 whether Brain-Score's 31-suite aggregate includes the suite
 */
public record SuiteFile(String name, String sha256, boolean inBrainScore2020) {
    /** Where suite files lie below a data directory or the cache, as in the shared data layout. */
    public static final String DIRECTORY = "syntaxgym/test_suites/json/";

    public SuiteFile {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("suite name '" + name + "' must be letters, digits, '_' and '-'");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 of suite " + name + " must be 64 lower-case hex digits");
        }
    }

    /** @return the path below a data directory, {@code syntaxgym/test_suites/json/<name>.json} */
    public String relativePath() {
        return DIRECTORY + name + ".json";
    }

    /**
     * @param sourceBase the repository root at a pinned commit, ending in '/'
     *     ({@link SuiteCatalog#DEFAULT_SOURCE} or a mirror of it)
     * @return the data file, downloaded from {@code <sourceBase>test_suites/json/<name>.json}
     */
    public DataFile dataFile(URI sourceBase) {
        return new DataFile(relativePath(), sourceBase.resolve("test_suites/json/" + name + ".json"), sha256);
    }
}
