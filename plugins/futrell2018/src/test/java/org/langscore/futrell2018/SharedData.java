package org.langscore.futrell2018;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Natural Stories files of the shared reference data, found by core's {@link org.langscore.testing.SharedData}. */
final class SharedData {
    private SharedData() {
    }

    /** @return the data directory holding {@code naturalstories/} */
    static Path dataDirectory() {
        org.langscore.testing.SharedData.data("naturalstories/all_stories.tok");
        return org.langscore.testing.SharedData.dataDirectory();
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
