package org.langscore.spi;

import java.util.Map;

/**
 * A long-lived, named maker of {@link Subject}s. The host asks each factory whether it
 * {@link #supports(String)} a model reference; a reference may also name the factory explicitly as
 * {@code <id>:<reference>}.
 */
public interface SubjectFactory {

    /** @return the identifier, unique among all plugins */
    String id();

    /** @return a one-line description for listings */
    String description();

    /** @return true when this factory can create a subject for the model reference (a path or a repo id) */
    boolean supports(String modelReference);

    /**
     * Creates a subject. The caller closes it.
     *
     * @param modelReference a path or repo id
     * @param options per-run options (for example {@code policy}, {@code window})
     * @param context host services
     * @throws ScoringException naming the file or value at fault
     */
    Subject create(String modelReference, Map<String, String> options, PluginContext context);
}
