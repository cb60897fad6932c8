package org.langscore.web.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPathsTest {
    @TempDir
    Path temp;

    @Test
    void acceptsAFolderUnderARootAndRefusesEscapes() throws IOException {
        Path root = Files.createDirectories(temp.resolve("models"));
        Path model = Files.createDirectories(root.resolve("gpt2"));
        Path outside = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        ModelPaths paths = new ModelPaths(List.of(root));

        assertEquals(model.toRealPath(), paths.check(model.toString()));
        ApiProblem dots = assertThrows(ApiProblem.class, () -> paths.check(root + "/../elsewhere"));
        assertEquals("path", dots.field());
        assertTrue(dots.getMessage().contains("not under a configured model root"), dots.getMessage());
        ApiProblem link = assertThrows(ApiProblem.class, () -> paths.check(root.resolve("link").toString()));
        assertTrue(link.getMessage().contains("not under"), link.getMessage());
        ApiProblem relative = assertThrows(ApiProblem.class, () -> paths.check("models/gpt2"));
        assertTrue(relative.getMessage().contains("not an absolute path"), relative.getMessage());
        ApiProblem missing = assertThrows(ApiProblem.class, () -> paths.check(root.resolve("nope").toString()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    /** Issue 14: a link inside the model folder was followed out of the root. */
    @Test
    void aLinkInsideTheModelFolderMustStayUnderTheRoot() throws IOException {
        Path root = Files.createDirectories(temp.resolve("models"));
        Path secret = Files.writeString(temp.resolve("secret.safetensors"), "not a model");
        Path model = Files.createDirectories(root.resolve("linked"));
        Files.createSymbolicLink(model.resolve("model.safetensors"), secret);
        ModelPaths paths = new ModelPaths(List.of(root));
        ApiProblem outside = assertThrows(ApiProblem.class, () -> paths.check(model.toString()));
        assertEquals("path", outside.field());
        assertTrue(outside.getMessage().contains("outside the model root"), outside.getMessage());

        // A link to a blob under the same root (the Hub cache's layout) is fine.
        Files.delete(model.resolve("model.safetensors"));
        Path blob = Files.writeString(Files.createDirectories(root.resolve("blobs")).resolve("abc"), "weights");
        Files.createSymbolicLink(model.resolve("model.safetensors"), blob);
        assertEquals(model.toRealPath(), paths.check(model.toString()));
    }

    @Test
    void refusesEveryPathWithoutRoots() {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> new ModelPaths(List.of()).check("/tmp"));
        assertTrue(problem.getMessage().contains("langscore.models.roots"), problem.getMessage());
    }
}
