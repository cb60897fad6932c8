package org.langscore.spi;

import java.util.List;
import java.util.OptionalLong;

/**
 * A model under test: the Java counterpart of Brain-Score's {@code ArtificialSubject}.
 *
 * <p>Lifecycle: created by a {@link SubjectFactory}, told its task with
 * {@link #startBehavioralTask(Task)}, then fed texts with {@link #digestText(List)}, then closed.
 * A subject is used by one thread at a time.
 */
public interface Subject extends AutoCloseable {

    /** @return a stable identifier of the model (for example the model folder name or Hub repo id) */
    String identifier();

    /**
     * Sets the task that later calls of {@link #digestText(List)} perform.
     *
     * @throws ScoringException with {@link ErrorCode#UNSUPPORTED_TASK} when the subject cannot do it
     */
    void startBehavioralTask(Task task);

    /**
     * Processes one text given as parts (words or regions), in order. The context of a part is every
     * earlier part of the same call and nothing from other calls.
     *
     * @param parts the parts of one text
     * @return one result per part, in input order
     */
    List<PartResult> digestText(List<String> parts);

    /**
     * A description of how the subject computes (context policy and its parameters, dtype, window),
     * recorded with every score. Empty by default.
     */
    default java.util.Map<String, String> settings() {
        return java.util.Map.of();
    }

    /** @return the bytes of memory the subject needs to run, when it can estimate them */
    default OptionalLong estimatedMemoryBytes() {
        return OptionalLong.empty();
    }

    /** Releases the model's resources. Never throws a checked exception. */
    @Override
    void close();
}
