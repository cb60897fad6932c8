package org.langscore.huggingface;

import java.util.List;

import org.langscore.huggingface.tools.GemmFloorCommand;
import org.langscore.huggingface.tools.RandomModelCommand;
import org.langscore.spi.Plugin;
import org.langscore.spi.PluginCommand;
import org.langscore.spi.SubjectFactory;

/** The HuggingFace plugin: contributes the {@code huggingface} subject factory and the {@code random-model} tool. */
public final class HuggingFacePlugin implements Plugin {

    @Override
    public String name() {
        return "huggingface";
    }

    @Override
    public List<SubjectFactory> subjectFactories() {
        return List.of(new HuggingFaceSubjectFactory());
    }

    @Override
    public List<PluginCommand> commands() {
        return List.of(new RandomModelCommand(), new GemmFloorCommand());
    }
}
