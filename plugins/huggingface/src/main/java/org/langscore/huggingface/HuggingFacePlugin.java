package org.langscore.huggingface;

import java.util.List;

import org.langscore.spi.Plugin;
import org.langscore.spi.SubjectFactory;

/** The HuggingFace plugin: contributes the {@code huggingface} subject factory. */
public final class HuggingFacePlugin implements Plugin {

    @Override
    public String name() {
        return "huggingface";
    }

    @Override
    public List<SubjectFactory> subjectFactories() {
        return List.of(new HuggingFaceSubjectFactory());
    }
}
