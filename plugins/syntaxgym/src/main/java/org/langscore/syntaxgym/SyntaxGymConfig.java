package org.langscore.syntaxgym;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;
import org.langscore.syntaxgym.suite.SuiteCatalog;
import org.langscore.syntaxgym.suite.SuiteFile;

/**
 * The configuration of the SyntaxGym benchmarks ({@code plugins.<id>.*} with the prefix stripped).
 *
 * <ul>
 *   <li>{@value #DATA_DIR}: a local copy of the data laid out as {@code syntaxgym/test_suites/json/<suite>.json};
 *       when set, nothing is downloaded. A run option of the same name overrides it.</li>
 *   <li>{@value #SOURCE_URL}: the repository root the suites are downloaded from, default
 *       {@link SuiteCatalog#DEFAULT_SOURCE} (raw GitHub at the pinned commit); set it to a mirror.</li>
 * </ul>
 *
 * @param dataDirectory the local data directory, if any
 * @param sourceBase the download root, ending in '/'
 */
public record SyntaxGymConfig(Optional<Path> dataDirectory, URI sourceBase) {
    /** The key of the local data directory, in the plugin configuration and in run options. */
    public static final String DATA_DIR = "data-dir";
    /** The key of the download root. */
    public static final String SOURCE_URL = "source-url";

    public SyntaxGymConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(sourceBase, "sourceBase");
        if (!sourceBase.isAbsolute() || !sourceBase.getPath().endsWith("/")) {
            throw new IllegalArgumentException("the source URL must be absolute and end in '/', got " + sourceBase);
        }
    }

    /** @return the defaults: no data directory, download from the pinned commit */
    public static SyntaxGymConfig defaults() {
        return new SyntaxGymConfig(Optional.empty(), SuiteCatalog.DEFAULT_SOURCE);
    }

    /**
     * @param config the plugin configuration
     * @throws ScoringException with {@link ErrorCode#INVALID_ARGUMENT} naming the key and value at fault
     */
    public static SyntaxGymConfig from(Map<String, String> config) {
        Optional<Path> dataDirectory = dataDirectory(config.get(DATA_DIR), "configuration key " + DATA_DIR);
        URI source = SuiteCatalog.DEFAULT_SOURCE;
        String sourceUrl = config.get(SOURCE_URL);
        if (sourceUrl != null && !sourceUrl.isBlank()) {
            String withSlash = sourceUrl.endsWith("/") ? sourceUrl : sourceUrl + "/";
            try {
                source = new URI(withSlash);
            } catch (URISyntaxException e) {
                throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "configuration key " + SOURCE_URL + " = '" + sourceUrl
                        + "' is not a URL: " + e.getMessage(), e);
            }
            if (!"http".equals(source.getScheme()) && !"https".equals(source.getScheme())) {
                throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "configuration key " + SOURCE_URL + " = '" + sourceUrl
                        + "' must be an http or https URL");
            }
        }
        return new SyntaxGymConfig(dataDirectory, source);
    }

    /**
     * @param runOptions the options of one evaluation; {@value #DATA_DIR} there overrides the configuration
     * @return this configuration with the run's data directory, if it names one
     */
    public SyntaxGymConfig withRunOptions(Map<String, String> runOptions) {
        Optional<Path> runDirectory = dataDirectory(runOptions.get(DATA_DIR), "option " + DATA_DIR);
        return runDirectory.isPresent() ? new SyntaxGymConfig(runDirectory, sourceBase) : this;
    }

    /** @return where a suite's file is read from: its path in the data directory, else its download URL */
    public String sourceOf(SuiteFile file) {
        return dataDirectory.map(dir -> dir.resolve(file.relativePath()).toString())
                .orElse(file.dataFile(sourceBase).source().toString());
    }

    private static Optional<Path> dataDirectory(String value, String what) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, what + " = '" + value + "' is not a path", e);
        }
    }
}
