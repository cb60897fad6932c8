package org.langscore.precomputed;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.langscore.runtime.DatasetCache;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.SubjectFactory;

/**
 * Makes {@link PrecomputedSubject}s from {@code .tsv}/{@code .csv} files. References:
 * {@code precomputed:<file>} (the host strips the prefix) or a file whose header is one of the two
 * formats. Option and configuration key {@value #MAX_MISMATCHED_CHARACTERS} (default 0): how many
 * characters a token file's text may differ from the call's text at equal length (for a typo fixed
 * in one copy of a stimulus); the run option wins over the configuration.
 */
public final class PrecomputedSubjectFactory implements SubjectFactory {
    /** The factory id. */
    public static final String ID = "precomputed";

    /** The option and configuration key for tolerated character differences. */
    public static final String MAX_MISMATCHED_CHARACTERS = "max-mismatched-characters";

    private static final Set<String> KNOWN_CONFIG_KEYS = Set.of(MAX_MISMATCHED_CHARACTERS);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "answers from a file: per-word surprisal, or token log-probabilities with character offsets";
    }

    @Override
    public boolean supports(String modelReference) {
        String name = modelReference.toLowerCase(Locale.ROOT);
        if (!name.endsWith(".tsv") && !name.endsWith(".csv")) {
            return false;
        }
        try {
            Path path = Path.of(modelReference);
            return Files.isRegularFile(path) && PrecomputedFile.recognises(DelimitedTable.header(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    @Override
    public Subject create(String modelReference, Map<String, String> options, PluginContext context) {
        for (String key : context.config().keySet()) {
            if (!KNOWN_CONFIG_KEYS.contains(key)) {
                throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "unknown configuration key '" + key
                        + "' for subject plugin " + ID + "; known keys: " + KNOWN_CONFIG_KEYS);
            }
        }
        String tolerance = options.getOrDefault(MAX_MISMATCHED_CHARACTERS, context.config(MAX_MISMATCHED_CHARACTERS, "0"));
        int maxMismatched;
        try {
            maxMismatched = Integer.parseInt(tolerance.trim());
        } catch (NumberFormatException e) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, MAX_MISMATCHED_CHARACTERS + " must be a "
                    + "non-negative integer, got '" + tolerance + "'", e);
        }
        if (maxMismatched < 0) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, MAX_MISMATCHED_CHARACTERS + " must be a "
                    + "non-negative integer, got " + maxMismatched);
        }
        Path path;
        try {
            path = Path.of(modelReference);
        } catch (InvalidPathException e) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "'" + modelReference + "' is not a file path", e);
        }
        if (!Files.isRegularFile(path)) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "precomputed file " + path.toAbsolutePath()
                    + " does not exist (expected a .tsv or .csv of per-word surprisal or token log-probabilities)");
        }
        PrecomputedFile file = PrecomputedFile.read(path, maxMismatched);
        return new PrecomputedSubject(path, DatasetCache.sha256(path), file);
    }
}
