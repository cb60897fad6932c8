package org.langscore.huggingface;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Writes test tokenizers derived from the fixtures' WordLevel tokenizer. */
public final class BosTokenizers {
    private BosTokenizers() {
    }

    /**
     * Writes into {@code folder} the fixture's WordLevel tokenizer with a template post-processor that adds
     * {@code <s>} (id 1) before every text, as Llama's tokenizer.json does.
     */
    public static void writeWordLevelWithBos(Path folder) throws IOException {
        writeWordLevelWithBos(folder, "gpt2-0", "<s>", 1);
    }

    /**
     * Writes into {@code folder} a fixture's WordLevel tokenizer with a template post-processor that adds
     * {@code bos} before every text: {@code </s>} (id 2) as OPT's tokenizer does, {@code <s>} (id 1) for
     * Llama's and Gemma's {@code <bos>}.
     *
     * @param folder where {@code tokenizer.json} is written
     * @param fixture the fixture whose tokenizer is extended
     * @param bos the special token's string (it must be in the fixture's vocabulary)
     * @param id its id
     */
    public static void writeWordLevelWithBos(Path folder, String fixture, String bos, int id) throws IOException {
        Path source = SharedFixtures.fixture(fixture).resolve("tokenizer.json");
        JsonObject json = JsonParser.parseString(Files.readString(source)).getAsJsonObject();
        String quoted = "\"" + bos + "\"";
        json.add("post_processor", JsonParser.parseString("{\"type\": \"TemplateProcessing\","
                + " \"single\": [{\"SpecialToken\": {\"id\": " + quoted + ", \"type_id\": 0}},"
                + " {\"Sequence\": {\"id\": \"A\", \"type_id\": 0}}],"
                + " \"pair\": [{\"Sequence\": {\"id\": \"A\", \"type_id\": 0}},"
                + " {\"Sequence\": {\"id\": \"B\", \"type_id\": 1}}],"
                + " \"special_tokens\": {" + quoted + ": {\"id\": " + quoted + ", \"ids\": [" + id + "],"
                + " \"tokens\": [" + quoted + "]}}}"));
        Files.writeString(folder.resolve("tokenizer.json"), json.toString(), StandardCharsets.UTF_8);
    }
}
