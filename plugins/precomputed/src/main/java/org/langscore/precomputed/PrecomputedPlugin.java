package org.langscore.precomputed;

import java.util.List;

import org.langscore.spi.Plugin;
import org.langscore.spi.SubjectFactory;

/** Contributes the {@code precomputed} subject. */
public final class PrecomputedPlugin implements Plugin {
    @Override
    public String name() {
        return "precomputed";
    }

    @Override
    public List<SubjectFactory> subjectFactories() {
        return List.of(new PrecomputedSubjectFactory());
    }
}
