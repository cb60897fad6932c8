package org.langscore.web.fake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.SubjectFactory;

/** Makes {@link FakeSubject}s from folders holding a {@link FakeModel#FILE}. */
public final class FakeSubjectFactory implements SubjectFactory {
    @Override
    public String id() {
        return "fake-subject";
    }

    @Override
    public String description() {
        return "a fake subject for the platform's tests (surprisal = word length x bits-per-letter)";
    }

    @Override
    public boolean supports(String modelReference) {
        try {
            return Files.isRegularFile(Path.of(modelReference).resolve(FakeModel.FILE));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    @Override
    public Subject create(String modelReference, Map<String, String> options, PluginContext context) {
        FakeModel model = FakeModel.read(Path.of(modelReference));
        if (model.fault() == FakeModel.Fault.INSUFFICIENT_MEMORY) {
            // As a real factory's memory pre-flight would: refused before anything is loaded.
            throw new ScoringException(ErrorCode.INSUFFICIENT_MEMORY, "fake model " + modelReference
                    + " needs more memory than this machine has");
        }
        if (model.poison()) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "fake model " + modelReference
                    + " is poisoned and cannot be loaded");
        }
        try {
            Files.writeString(model.folder().resolve(FakeModel.LOADS), "loaded\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "cannot note the load of " + modelReference, e);
        }
        // As the HuggingFace subject does, the settings record the dtype option it was given.
        return new FakeSubject(model, options.getOrDefault("policy", "default"), options.getOrDefault("dtype", "float32"));
    }
}
