package org.langscore.syntaxgym;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The SyntaxGym files of the read-only reference data, found by core's
 * {@link org.langscore.testing.SharedData}; tests fail, not skip, when they are missing.
 */
public final class SharedData {
    private SharedData() {
    }

    /** @return the shared data directory, laid out as a langscore data directory */
    public static Path dataDirectory() {
        org.langscore.testing.SharedData.data("syntaxgym/test_suites/json");
        return org.langscore.testing.SharedData.dataDirectory();
    }

    /** @return the 33 suite files of {@code syntaxgym/test_suites/json}, sorted by name */
    public static List<Path> suiteFiles() {
        return list(dataDirectory().resolve("syntaxgym/test_suites/json"));
    }

    /** @return the suite files of {@code syntaxgym/extra} (the nn-nv-rpl demo) */
    public static List<Path> extraSuiteFiles() {
        return list(dataDirectory().resolve("syntaxgym/extra"));
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a suite file's name without {@code .json} */
    public static String suiteName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    /** @return a suite file parsed with gson directly, independent of the loader under test */
    public static JsonObject rawJson(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(reader).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return path (relative to the data directory) to SHA-256, from {@code SHA256SUMS} */
    public static Map<String, String> checksums() {
        Map<String, String> sums = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(dataDirectory().resolve("SHA256SUMS"))) {
                if (!line.isBlank()) {
                    String[] cells = line.trim().split("\\s+", 2);
                    sums.put(cells[1], cells[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sums;
    }

    /** @return the 31 suite names of Brain-Score's SyntaxGym2020, in its order */
    public static List<String> brainScoreSuites() {
        try {
            return Files.readAllLines(dataDirectory().resolve("syntaxgym/brainscore_syntaxgym2020_suites.txt")).stream()
                    .map(String::trim).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
