package org.langscore.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code langscore surprisal} end to end on the real-tokenizer GPT-2 fixture: the rows must carry
 * Brain-Score's own per-word numbers (without its cache, {@code non_kv_path}), which HuggingFace
 * transformers computed for the same model.
 */
class SurprisalCommandTest {
    static final Path FIXTURE = SharedData.fixture("gpt2-realtok-0");

    @TempDir
    Path home;

    @Test
    void tsvRowsMatchBrainScoreWithinTheFirstWindowAndTextsStartFresh() throws Exception {
        JsonNode expected = JsonOutput.mapper().readTree(FIXTURE.resolve("expected.json").toFile()).get("naturalstories");
        List<String> words = new ArrayList<>();
        expected.get("words").forEach(word -> words.add(word.asText()));
        List<String> first = words.subList(0, 40);
        // Two texts: the second is the first again and must get the same numbers (no context carried over).
        Path input = Files.writeString(home.resolve("words.txt"),
                String.join("\n", first) + "\n\n" + String.join("\n", first) + "\n");
        CliRun run = CliRun.run(home, "surprisal", "--model", FIXTURE.toString(), "--input", input.toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals("text\tpart\tword\ttokens\tsurprisal_bits\tcontext_tokens", lines[0]);
        assertEquals(1 + 2 * first.size(), lines.length);
        JsonNode reference = expected.get("per_word_surprisal_bits").get("sliding_recompute_fp32");
        for (int row = 1; row < lines.length; row++) {
            String[] cells = lines[row].split("\t");
            int text = Integer.parseInt(cells[0]);
            int part = Integer.parseInt(cells[1]);
            assertEquals(row <= first.size() ? 0 : 1, text);
            assertEquals(first.get(part), cells[2]);
            double bits = Double.parseDouble(cells[4]);
            if (part == 0) {
                assertTrue(Double.isNaN(bits), "nothing precedes the first word: " + lines[row]);
                assertEquals(0, Integer.parseInt(cells[5]), lines[row]);
            } else {
                assertEquals(reference.get(part).asDouble(), bits, 1e-3, "text " + text + " word " + part + " '"
                        + first.get(part) + "'");
                assertTrue(Integer.parseInt(cells[5]) > 0, lines[row]);
            }
        }
    }

    @Test
    void jsonFormatWritesNullForNaN() throws Exception {
        Path input = Files.writeString(home.resolve("w.txt"), "The\ncat\nsat.\n");
        Path output = home.resolve("out.json");
        CliRun run = CliRun.run(home, "surprisal", "--model", FIXTURE.toString(), "--input", input.toString(),
                "--format", "json", "--output", output.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode rows = JsonOutput.mapper().readTree(output.toFile());
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).get("surprisal_bits").isNull());
        assertTrue(rows.get(2).get("surprisal_bits").asDouble() > 0);
        assertEquals("sat.", rows.get(2).get("word").asText());
    }

    @Test
    void unknownPolicyIsNamed() throws Exception {
        Path input = Files.writeString(home.resolve("w.txt"), "The\ncat\n");
        CliRun run = CliRun.run(home, "surprisal", "--model", FIXTURE.toString(), "--input", input.toString(),
                "--policy", "teleport");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("teleport"), run.err());
        assertTrue(!run.err().contains("\tat "), run.err());
    }
}
