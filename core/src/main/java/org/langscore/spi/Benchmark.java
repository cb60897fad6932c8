package org.langscore.spi;

import java.util.Optional;

/**
 * A way of scoring a {@link Subject} against human data or linguistic expectations.
 * Identifiers follow Brain-Score Language where one exists ({@code Futrell2018-pearsonr}).
 */
public interface Benchmark {

    /** @return the identifier, unique among all plugins */
    String identifier();

    /** @return the version; a change of data or metric increments it */
    int version();

    /** @return the parent in the benchmark tree ("behavior", "engineering", ...) */
    String parent();

    /** @return the ceiling the raw score is normalised by, if the benchmark has one */
    Optional<Ceiling> ceiling();

    /** @return the BibTeX of the publication(s) behind the benchmark */
    String bibtex();

    /** @return a one-line description for listings */
    String description();

    /**
     * Fetches and verifies the benchmark's data (download, checksum, parsing) before any subject is
     * loaded, so that a missing or altered file is reported before a long model load. The default does
     * nothing; {@link #evaluate} must work without it.
     *
     * @throws ScoringException naming the file at fault
     */
    default void prepare(EvaluationContext context) {
    }

    /**
     * Refuses a subject that cannot finish before hours are spent. The default compares the
     * subject's memory estimate with the memory the context offers.
     *
     * @throws ScoringException with {@link ErrorCode#INSUFFICIENT_MEMORY}
     */
    default void preflight(Subject subject, EvaluationContext context) {
        subject.estimatedMemoryBytes().ifPresent(needed -> {
            if (needed > context.availableMemoryBytes()) {
                throw new ScoringException(ErrorCode.INSUFFICIENT_MEMORY, "subject " + subject.identifier()
                        + " needs about " + (needed >> 20) + " MiB but only " + (context.availableMemoryBytes() >> 20)
                        + " MiB are available for benchmark " + identifier());
            }
        });
    }

    /**
     * Evaluates the subject.
     *
     * @return the score with its sub-scores and per-item data
     * @throws ScoringException when the data or the subject fails
     */
    Score evaluate(Subject subject, EvaluationContext context);
}
