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
     * {@link #digestText(List)} that reports its progress within the call: as the subject goes it calls
     * {@code progress.onProgress(stage, partsDone, parts.size(), "words")} with the number of parts whose
     * results are known, ending at {@code parts.size()} (the stage is the subject's identifier; a caller
     * that forwards the reports names its own stage). The results are those of {@link #digestText(List)}.
     * By default it reports nothing and calls {@link #digestText(List)}.
     *
     * @param parts the parts of one text
     * @param progress receives the parts done out of the parts in all
     * @return one result per part, in input order
     */
    default List<PartResult> digestText(List<String> parts, ProgressListener progress) {
        return digestText(parts);
    }

    /**
     * Processes several independent texts: the result of each is that of {@link #digestText(List)} on it
     * alone (no text is context for another). A subject may compute them together (a batched forward
     * pass); by default it makes one {@link #digestText(List)} call per text.
     *
     * @param texts the texts, each given as its parts
     * @return per text, one result per part, in input order
     */
    default List<List<PartResult>> digestTexts(List<List<String>> texts) {
        List<List<PartResult>> results = new java.util.ArrayList<>(texts.size());
        for (List<String> parts : texts) {
            results.add(digestText(parts));
        }
        return results;
    }

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
