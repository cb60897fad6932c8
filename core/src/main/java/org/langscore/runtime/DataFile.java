package org.langscore.runtime;

import java.net.URI;
import java.util.Objects;

/**
 * A data file of a benchmark, pinned to a public source and a checksum.
 *
 * @param relativePath where the file lies below a data directory or the cache (e.g.
 *     {@code naturalstories/processed_wordinfo_2016-05-18.tsv})
 * @param source where it is downloaded from (a URL at a pinned commit)
 * @param sha256 the expected SHA-256, lower-case hex
 */
public record DataFile(String relativePath, URI source, String sha256) {
    public DataFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(source, "source");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 of " + relativePath + " must be 64 lower-case hex digits");
        }
    }
}
