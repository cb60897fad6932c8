package org.langscore.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.ScoreAttributes;
import org.langscore.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code langscore score} through the real plugins: model or file in, score table and JSON out. */
class ScoreCommandEndToEndTest {
    static final Path SHARED = SharedData.root();

    @TempDir
    Path home;

    @Test
    void syntaxGymSuiteOnTheRealTokenizerModelWritesPerRegionData() throws Exception {
        Path json = home.resolve("mvrr.json");
        CliRun run = CliRun.run(home, "score", "--model", SHARED.resolve("fixtures/hf-tiny/gpt2-realtok-0").toString(),
                "--benchmark", "syntaxgym-mvrr", "--data-dir", SHARED.resolve("data").toString(), "--json",
                json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("syntaxgym-mvrr"), run.out());
        assertTrue(run.err().contains("items/s"), "progress on stderr: " + run.err());
        JsonNode score = JsonOutput.mapper().readTree(json.toFile()).get("scores").get(0);
        double accuracy = score.get("value").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 27.0 / 28, "mvrr accuracy " + accuracy);
        JsonNode regions = null;
        for (JsonNode table : score.get("items")) {
            if (table.get("name").asText().equals("region")) {
                regions = table;
            }
        }
        assertTrue(regions != null, "a per-region table");
        // One row per region of every condition of every item, counted from the suite file itself.
        JsonNode suite = JsonOutput.mapper().readTree(
                SHARED.resolve("data/syntaxgym/test_suites/json/mvrr.json").toFile());
        int expectedRows = 0;
        for (JsonNode item : suite.get("items")) {
            for (JsonNode condition : item.get("conditions")) {
                expectedRows += condition.get("regions").size();
            }
        }
        assertEquals(expectedRows, regions.get("rows").size());
        assertEquals(28, suite.get("items").size());
        assertEquals("huggingface", score.get("attributes").get("subject.factory").asText());
        assertEquals("strided", score.get("attributes").get("subject.policy").asText());
        // Issue 14: each thing once, in the one style (the subject's settings only under subject.).
        JsonNode attributes = score.get("attributes");
        assertFalse(attributes.has("policy") || attributes.has("subject_factory") || attributes.has("langscore_version"),
                attributes.toString());
        assertTrue(attributes.has(ScoreAttributes.LANGSCORE_VERSION), attributes.toString());
        attributes.fieldNames().forEachRemaining(key -> assertTrue(ScoreAttributes.isWellFormed(key), key));
    }

    @Test
    void precomputedGpt3ProbabilitiesReproduceTheirPublishedCorrelation() {
        CliRun run = CliRun.run(home, "score", "--model",
                "precomputed:" + SHARED.resolve("data/naturalstories/probs/all_stories_gpt3.csv"), "-o",
                "max-mismatched-characters=1", "--benchmark", "Futrell2018-pearsonr-story", "--data-dir",
                SHARED.resolve("data").toString());
        assertEquals(0, run.exitCode(), run.err());
        // Raw |r| = 0.2023017 (plugins/precomputed, computed directly from the file); ceiling 0.858.
        assertTrue(run.out().matches("(?s).*Futrell2018-pearsonr-story\\s+0\\.2023\\s+0\\.8580\\s+0\\.2358.*"), run.out());
    }

    @Test
    void missingBenchmarkDataIsReportedBeforeTheModelIsLoaded() throws Exception {
        java.nio.file.Files.createDirectories(home.resolve("empty-data"));
        // The model folder is incomplete: were it loaded first, its error would come first.
        Path model = java.nio.file.Files.createDirectories(home.resolve("half-model"));
        java.nio.file.Files.copy(SHARED.resolve("fixtures/hf-tiny/gpt2-0/tokenizer.json"), model.resolve("tokenizer.json"));
        CliRun run = CliRun.run(home, "score", "--model", model.toString(), "--benchmark", "syntaxgym-mvrr",
                "--data-dir", home.resolve("empty-data").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("mvrr.json") && run.err().contains("sha256"), run.err());
    }

    @Test
    void unknownModelFolderIsNamed() {
        CliRun run = CliRun.run(home, "score", "--model", home.resolve("no-model-here").toString(), "--benchmark",
                "syntaxgym-mvrr");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no-model-here"), run.err());
        assertTrue(!run.err().contains("\tat "), run.err());
    }
}
