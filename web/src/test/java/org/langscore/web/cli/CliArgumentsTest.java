package org.langscore.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliArgumentsTest {

    @TempDir
    Path home;

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.run(home);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Usage: langscore"), run.err());
    }

    @Test
    void unknownCommandAndMissingOptionAreUsageErrors() {
        CliRun unknown = CliRun.run(home, "frobnicate");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("'frobnicate'"), unknown.err());
        CliRun missing = CliRun.run(home, "score", "--model", "x");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("--benchmark"), missing.err());
        assertTrue(missing.err().contains("Usage: langscore score"), missing.err());
    }

    @Test
    void unknownBenchmarkFailsWithOneLineNamingIt() {
        CliRun run = CliRun.run(home, "score", "--model", "/no/such/model", "--benchmark", "NoSuchBench");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("unknown benchmark 'NoSuchBench'"), run.err());
        assertFalse(run.err().contains("\tat "), "a user mistake shows no stack trace: " + run.err());
    }

    @Test
    void missingInputFileIsNamed() {
        CliRun run = CliRun.run(home, "surprisal", "--model", "/no/such/model", "--input", home.resolve("words.txt").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("words.txt") && run.err().contains("does not exist"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void dtypeIsHandedToTheSubjectAndAnUnknownOneIsAUsageError() {
        SubjectOptions options = new SubjectOptions();
        new picocli.CommandLine(options).parseArgs("--model", "m", "--dtype", "bfloat16", "--chunk", "64");
        assertEquals(java.util.Map.of("dtype", "bfloat16", "chunk", "64"), options.asMap());
        SubjectOptions plain = new SubjectOptions();
        new picocli.CommandLine(plain).parseArgs("--model", "m");
        assertFalse(plain.asMap().containsKey("dtype"), "float32 is the subject's own default");

        CliRun run = CliRun.run(home, "score", "--model", "x", "--benchmark", "b", "--dtype", "float16");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--dtype") && run.err().contains("'float16'"), run.err());
        assertTrue(run.err().contains("Usage: langscore score"), run.err());
        CliRun surprisal = CliRun.run(home, "surprisal", "--model", "x", "--input", "w.txt", "--dtype", "fp8");
        assertEquals(2, surprisal.exitCode());
        assertTrue(surprisal.err().contains("'fp8'"), surprisal.err());
    }

    @Test
    void badFormatIsRejected() throws Exception {
        Path words = Files.writeString(home.resolve("w.txt"), "a\nb\n");
        CliRun run = CliRun.run(home, "surprisal", "--model", "x", "--input", words.toString(), "--format", "xml");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--format must be tsv or json, got 'xml'"), run.err());
        assertTrue(run.err().contains("Usage: langscore surprisal"), run.err());
    }

    @Test
    void anOutputThatIsADirectoryIsRefusedBeforeAnyWork() {
        CliRun run = CliRun.run(home, "score", "--model", "/no/such/model", "--benchmark", "NoSuchBench");
        assertEquals(1, run.exitCode());
        CliRun json = CliRun.run(home, "surprisal", "--model", "x", "--input", home.toString(), "--output", home.toString());
        assertEquals(1, json.exitCode());
        assertTrue(json.err().contains("is a directory"), json.err());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstWord() throws Exception {
        Path words = Files.writeString(home.resolve("bom.txt"), "\uFEFFThe\ncat\n");
        assertEquals(java.util.List.of(java.util.List.of("The", "cat")), SurprisalCommand.readTexts(words));
    }

    @Test
    void inputTextsSplitOnBlankLines() throws Exception {
        Path words = Files.writeString(home.resolve("w.txt"), "The\ncat\n\n \nA\ndog .\n\n");
        assertEquals(java.util.List.of(java.util.List.of("The", "cat"), java.util.List.of("A", "dog .")),
                SurprisalCommand.readTexts(words));
    }

    @Test
    void runModeKeepsTheCommandLineOffTheNetwork() {
        var properties = RunMode.systemProperties(new String[] {"list"});
        assertEquals("true", properties.get("OPT_OUT_TRACKING"));
        assertEquals("true", properties.get("ai.djl.offline"));
        assertEquals("WARN", properties.get("quarkus.log.level"));
        assertEquals("false", properties.get("quarkus.datasource.active"), "the command line needs no database");
        assertEquals("false", properties.get("quarkus.http.host-enabled"), "the command line opens no port");
        assertEquals("score", RunMode.firstCommand(new String[] {"-v", "score", "--model", "m"}));
    }
}
