package org.langscore.huggingface;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Describes where a model's files are: the real path of its folder (for a Hub model the snapshot
 * folder, whose name is the resolved commit) and a fingerprint of its weight files (total bytes and
 * latest modification time), recorded with every score.
 */
final class ModelSource {
    private ModelSource() {
    }

    static Map<String, String> describe(Path folder) {
        Map<String, String> description = new LinkedHashMap<>();
        try {
            Path real = folder.toRealPath();
            description.put("model.folder", real.toString());
            if (real.getParent() != null && real.getParent().getFileName() != null
                    && real.getParent().getFileName().toString().equals("snapshots")) {
                description.put("model.commit", real.getFileName().toString());
            }
            List<Path> weights;
            try (Stream<Path> files = Files.list(real)) {
                weights = files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
            }
            long bytes = 0;
            long modified = 0;
            for (Path file : weights) {
                bytes += Files.size(file);
                modified = Math.max(modified, Files.getLastModifiedTime(file).toMillis());
            }
            description.put("model.weights", weights.size() + " file(s), " + bytes + " bytes, modified "
                    + java.time.Instant.ofEpochMilli(modified));
        } catch (IOException e) {
            description.put("model.folder", folder.toAbsolutePath().normalize().toString());
        }
        return description;
    }
}
