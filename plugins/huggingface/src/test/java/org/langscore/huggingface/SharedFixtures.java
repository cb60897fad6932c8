package org.langscore.huggingface;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.langscore.testing.SharedData;

/**
 * The HuggingFace tests' view of the read-only shared reference data, found by core's
 * {@link SharedData}: the fixture list, expected values and Natural Stories words.
 */
public final class SharedFixtures {
    /** The fourteen small fixtures with a WordLevel tokenizer, one per architecture variant. */
    public static final List<String> SMALL_FIXTURES = List.of("gpt2-0", "llama-0", "mistral-0", "mistral-swa-0",
            "qwen2-0", "gpt_neox-0", "falcon-0", "falcon-newarch-0", "opt-0", "gpt_neo-0", "phi-0", "gemma-0", "mpt-0",
            "openai-gpt-0");

    private SharedFixtures() {
    }

    /** @return the shared folder */
    public static Path sharedDir() {
        return SharedData.root();
    }

    /** @return a fixture folder of {@code fixtures/hf-tiny} */
    public static Path fixture(String name) {
        return SharedData.fixture(name);
    }

    /** @return a fixture's {@code expected.json} */
    public static JsonObject expected(String fixture) {
        return readJson(fixture(fixture).resolve("expected.json"));
    }

    /** @return a parsed JSON file */
    public static JsonObject readJson(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the words of each Natural Stories story, in order, from {@code all_stories.tok} (story number to words) */
    public static Map<Integer, List<String>> naturalStories() {
        Path file = SharedData.data("naturalstories/all_stories.tok");
        try {
            Map<Integer, List<String>> stories = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t");
                stories.computeIfAbsent(Integer.parseInt(cells[2].trim()), k -> new ArrayList<>()).add(cells[0]);
            }
            return stories;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
