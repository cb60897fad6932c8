package org.langscore.web.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decides whether a submitted local model path may be read: it must be absolute, exist, and lie
 * (after resolving symbolic links and "..") under one of the configured roots, and so must every file
 * a symbolic link in the model folder points to.
 */
public final class ModelPaths {
    /** How deep a model folder's files are checked: a model folder holds files and at most a few levels of folders. */
    private static final int CONTENT_DEPTH = 4;

    private final List<Path> roots;

    /** @param roots the configured roots ({@code langscore.models.roots}) */
    public ModelPaths(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /**
     * @return the real path of an allowed model
     * @throws ApiProblem 400 naming the field {@code path} and why it is refused
     */
    public Path check(String submitted) {
        if (roots.isEmpty()) {
            throw ApiProblem.invalid("path", "local models are not accepted: no model root is configured"
                    + " (langscore.models.roots)");
        }
        Path path;
        try {
            path = Path.of(submitted);
        } catch (InvalidPathException e) {
            throw ApiProblem.invalid("path", "'" + submitted + "' is not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw ApiProblem.invalid("path", "'" + submitted + "' is not an absolute path");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw ApiProblem.invalid("path", "'" + submitted + "' does not exist on the server");
        } catch (IOException e) {
            throw ApiProblem.invalid("path", "'" + submitted + "' cannot be read: " + e.getMessage());
        }
        List<String> allowed = new ArrayList<>();
        for (Path root : roots) {
            try {
                Path realRoot = root.toRealPath();
                if (real.startsWith(realRoot)) {
                    confineContents(real, realRoot);
                    return real;
                }
                allowed.add(realRoot.toString());
            } catch (IOException e) {
                allowed.add(root + " (missing)");
            }
        }
        throw ApiProblem.invalid("path", "'" + submitted + "' is not under a configured model root " + allowed);
    }

    /**
     * Refuses a model folder with a symbolic link (to a weight file, a tokenizer) that resolves outside
     * the root: the folder's own path is not enough, since its files are what the worker reads.
     */
    private static void confineContents(Path folder, Path realRoot) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(folder, CONTENT_DEPTH)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!Files.isSymbolicLink(entry)) {
                    continue;
                }
                Path target;
                try {
                    target = entry.toRealPath();
                } catch (IOException e) {
                    throw ApiProblem.invalid("path", "'" + entry + "' is a symbolic link to nothing readable");
                }
                if (!target.startsWith(realRoot)) {
                    throw ApiProblem.invalid("path", "'" + entry + "' links to '" + target
                            + "', outside the model root " + realRoot);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw ApiProblem.invalid("path", "'" + folder + "' cannot be listed: " + e.getMessage());
        }
    }
}
