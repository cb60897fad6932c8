package org.langscore.web.fake;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
        if (model.poison()) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "fake model " + modelReference
                    + " is poisoned and cannot be loaded");
        }
        return new FakeSubject(model, options.getOrDefault("policy", "default"));
    }
}
