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
        Path source = SharedFixtures.fixture("gpt2-0").resolve("tokenizer.json");
        JsonObject json = JsonParser.parseString(Files.readString(source)).getAsJsonObject();
        json.add("post_processor", JsonParser.parseString("""
                {"type": "TemplateProcessing",
                 "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                 "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
                 "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}}"""));
        Files.writeString(folder.resolve("tokenizer.json"), json.toString(), StandardCharsets.UTF_8);
    }
}
