package org.langscore.web.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.langscore.registry.PluginRegistry;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code langscore surprisal}: word-by-word surprisal of a text file. The input has one part (word)
 * per line; a blank line ends a text, and the next text starts with no context. One output row per
 * part: text, part, word, tokens, surprisal_bits, context_tokens.
 */
@Command(name = "surprisal", description = "Write the surprisal (bits) of every word of a text file.",
        mixinStandardHelpOptions = true)
final class SurprisalCommand implements Runnable {
    static final List<String> COLUMNS = List.of("text", "part", "word", "tokens", "surprisal_bits", "context_tokens");

    @ParentCommand
    LangscoreCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = false, multiplicity = "1")
    SubjectOptions subjectOptions;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "One part per line; a blank line ends a text.")
    Path input;

    @Option(names = "--format", defaultValue = "tsv", paramLabel = "tsv|json", description = "Output format (default tsv).")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Override
    public void run() {
        if (!format.equals("tsv") && !format.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format must be tsv or json, got '" + format + "'");
        }
        OutputTarget.check(output, "--output");
        List<List<String>> texts = readTexts(input);
        CliEnvironment environment = parent.environment();
        PluginRegistry registry = environment.registry();
        PluginRegistry.SubjectChoice choice = registry.subjectFor(subjectOptions.model);
        PluginContext pluginContext = new PluginContext(PluginConfiguration.forFactory(choice.factory().id()), environment.cache(), environment.home().root());
        ProgressBar progress = new ProgressBar(environment.err(), environment.interactive());
        long totalWords = texts.stream().mapToLong(List::size).sum();
        List<List<PartResult>> results = new ArrayList<>();
        try (Subject subject = choice.factory().create(choice.reference(), subjectOptions.asMap(), pluginContext)) {
            subject.startBehavioralTask(Task.READING_TIMES);
            long done = 0;
            progress.onProgress("surprisal", 0, totalWords, "words");
            for (List<String> text : texts) {
                long before = done;
                // A long text reports its own progress as the subject goes, not only when it ends.
                results.add(subject.digestText(text, (stage, partsDone, partsTotal, unit) ->
                        progress.onProgress("surprisal", before + partsDone, totalWords, "words")));
                done += text.size();
                progress.onProgress("surprisal", done, totalWords, "words");
            }
        } finally {
            progress.finishLine();
        }
        if (output == null) {
            write(environment.out(), results);
            environment.out().flush();
        } else {
            writeFile(results);
        }
    }

    /** Reads the input: one part per line, texts separated by blank lines. */
    static List<List<String>> readTexts(Path input) {
        List<String> lines;
        try {
            lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "--input file " + input + " does not exist", e);
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot read --input file " + input + ": "
                    + e.getMessage(), e);
        }
        List<List<String>> texts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1)); // a UTF-8 byte-order mark is not part of the first word
        }
        for (String line : lines) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    texts.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(line.strip());
            }
        }
        if (!current.isEmpty()) {
            texts.add(current);
        }
        if (texts.isEmpty()) {
            throw new ScoringException(ErrorCode.INVALID_DATA, "--input file " + input + " has no words");
        }
        return texts;
    }

    private void writeFile(List<List<PartResult>> results) {
        try {
            Path directory = output.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "." + output.getFileName().toString(), ".tmp");
            temporary.toFile().deleteOnExit();
            try (Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temporary),
                    StandardCharsets.UTF_8))) {
                write(writer, results);
            }
            Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot write --output file " + output + ": "
                    + e.getMessage(), e);
        }
    }

    private void write(Writer writer, List<List<PartResult>> results) {
        try {
            if (format.equals("tsv")) {
                writer.write(String.join("\t", COLUMNS) + "\n");
                for (int text = 0; text < results.size(); text++) {
                    List<PartResult> parts = results.get(text);
                    for (int part = 0; part < parts.size(); part++) {
                        PartResult result = parts.get(part);
                        writer.write(text + "\t" + part + "\t" + result.part().replace('\t', ' ') + "\t"
                                + result.tokenCount() + "\t" + result.readingTime() + "\t" + result.contextTokens()
                                + "\n");
                    }
                }
            } else {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int text = 0; text < results.size(); text++) {
                    List<PartResult> parts = results.get(text);
                    for (int part = 0; part < parts.size(); part++) {
                        PartResult result = parts.get(part);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("text", text);
                        row.put("part", part);
                        row.put("word", result.part());
                        row.put("tokens", result.tokenCount());
                        row.put("surprisal_bits", result.readingTime());
                        row.put("context_tokens", result.contextTokens());
                        rows.add(row);
                    }
                }
                JsonOutput.mapper().writerWithDefaultPrettyPrinter()
                        .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                        .writeValue(writer, rows);
                writer.write("\n");
            }
            writer.flush();
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot write surprisal output: " + e.getMessage(), e);
        }
    }
}
