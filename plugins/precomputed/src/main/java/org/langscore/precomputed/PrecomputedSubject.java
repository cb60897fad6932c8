package org.langscore.precomputed;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

/**
 * A subject that answers {@link Task#READING_TIMES} from a {@link PrecomputedFile} instead of a model.
 * Each {@code digestText} call must be one of the file's texts; the values are surprisal in bits. The
 * subject never invents a value: a call it cannot match, or a word without a value, is an error
 * naming the first word at fault.
 */
public final class PrecomputedSubject implements Subject {
    private final String identifier;
    private final PrecomputedFile file;
    private final Map<String, String> settings = new TreeMap<>();
    private Task task;

    /**
     * @param path the file, for the identifier and settings
     * @param sha256 the file's SHA-256, recorded with every score
     * @param file its contents
     */
    public PrecomputedSubject(Path path, String sha256, PrecomputedFile file) {
        this.identifier = "precomputed:" + path.getFileName();
        this.file = Objects.requireNonNull(file, "file");
        settings.put("file", path.toAbsolutePath().toString());
        settings.put("file-sha256", sha256);
        settings.put("format", file.format());
        settings.put("texts", Integer.toString(file.textCount()));
        settings.put("context-string", "non-blank parts joined by one space, no space before . , ! ? ; :");
    }

    @Override
    public String identifier() {
        return identifier;
    }

    @Override
    public void startBehavioralTask(Task task) {
        switch (Objects.requireNonNull(task, "task")) {
            case READING_TIMES -> this.task = task;
            case NEXT_WORD -> throw new ScoringException(ErrorCode.UNSUPPORTED_TASK, "subject " + identifier
                    + " holds precomputed surprisal only and cannot predict next words");
        }
    }

    @Override
    public List<PartResult> digestText(List<String> parts) {
        if (task == null) {
            throw new ScoringException(ErrorCode.INTERNAL, "startBehavioralTask must be called before digestText");
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        return file.answer(parts, settings);
    }

    /** How the file was read and, after calls, which texts were accepted despite differing characters. */
    @Override
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    @Override
    public void close() {
        // Nothing to release: the file's contents are plain Java objects.
    }
}
