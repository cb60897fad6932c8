package org.langscore.futrell2018;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared reference data ({@code langscore.shared.dir}/data); tests fail, not skip, without it. */
final class SharedData {
    private SharedData() {
    }

    /** @return the data directory holding {@code naturalstories/} */
    static Path dataDirectory() {
        String shared = System.getProperty("langscore.shared.dir");
        assertTrue(shared != null, "system property langscore.shared.dir is not set");
        Path data = Path.of(shared).resolve("data");
        assertTrue(Files.isRegularFile(data.resolve("naturalstories/all_stories.tok")),
                "the shared Natural Stories data are missing below " + data);
        return data;
    }

    /** @return the rows of {@code derived/futrell2018_word_targets.tsv} without the header, split on tabs */
    static List<String[]> derivedTargets() {
        Path file = dataDirectory().resolve("naturalstories/derived/futrell2018_word_targets.tsv");
        try {
            List<String> lines = Files.readAllLines(file);
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(line.split("\t", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
