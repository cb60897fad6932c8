package org.langscore.syntaxgym;

import java.nio.file.Path;
import java.util.Objects;

import org.langscore.runtime.DatasetCache;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;
import org.langscore.syntaxgym.suite.SuiteFile;
import org.langscore.syntaxgym.suite.SuiteLoader;
import org.langscore.syntaxgym.suite.TestSuite;

/**
 * Finds suite files (in the local data directory, else the cache, else downloaded into the cache),
 * checks their SHA-256 and loads them.
 */
final class SuiteSource {
    private final SyntaxGymConfig config;
    private final DatasetCache cache;

    /**
     * @param config where the data come from
     * @param cacheDirectory where downloads are cached
     */
    SuiteSource(SyntaxGymConfig config, Path cacheDirectory) {
        this.config = Objects.requireNonNull(config, "config");
        this.cache = new DatasetCache(cacheDirectory, config.dataDirectory());
    }

    /**
     * @throws ScoringException naming the file and expected checksum when it is missing or altered, or
     *     naming the field at fault when it is malformed
     */
    TestSuite load(SuiteFile file) {
        Path path = cache.resolve(file.dataFile(config.sourceBase()));
        TestSuite suite = SuiteLoader.load(path);
        if (!suite.name().equals(file.name())) {
            throw new ScoringException(ErrorCode.INVALID_DATA, "suite file " + path + " names itself '" + suite.name()
                    + "' in meta.name, but it should be suite '" + file.name() + "'");
        }
        return suite;
    }
}
