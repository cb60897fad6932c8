package org.langscore.web.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.langscore.registry.PluginRegistry;
import org.langscore.runtime.DirectoryCheckpointStore;
import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.PluginContext;
import org.langscore.spi.Score;
import org.langscore.spi.ScoreAttributes;
import org.langscore.spi.ScoringException;
import org.langscore.web.scoring.EvaluationRunner;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code langscore score}: scores a model on benchmarks locally, with a progress bar on standard error
 * and the score table on standard output. The evaluation itself is {@link EvaluationRunner}'s, the same
 * as a worker's.
 */
@Command(name = "score", description = "Score a model on a benchmark (or a group of benchmarks).",
        mixinStandardHelpOptions = true)
final class ScoreCommand implements Runnable {

    @ParentCommand
    LangscoreCommand parent;

    @ArgGroup(exclusive = false, multiplicity = "1")
    SubjectOptions subjectOptions;

    @Option(names = "--benchmark", required = true, paramLabel = "ID",
            description = "A benchmark id, or a group: an id prefix (syntaxgym) or a parent (behavior, engineering).")
    String benchmark;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the full result, per-item data included.")
    Path json;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "A local copy of the benchmark data, used instead of downloading.")
    Path dataDirectory;

    @Override
    public void run() {
        CliEnvironment environment = parent.environment();
        PluginRegistry registry = environment.registry();
        List<BenchmarkFactory> benchmarks = BenchmarkSelection.select(registry, benchmark);
        OutputTarget.check(json, "--json");
        PluginRegistry.SubjectChoice choice = registry.subjectFor(subjectOptions.model);
        if (dataDirectory != null && !Files.isDirectory(dataDirectory)) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "--data-dir " + dataDirectory + " is not a directory");
        }
        Map<String, String> runOptions = new LinkedHashMap<>();
        if (dataDirectory != null) {
            runOptions.put("data-dir", dataDirectory.toAbsolutePath().toString());
        }
        PluginContext subjectContext = new PluginContext(PluginConfiguration.forFactory(choice.factory().id()),
                environment.cache(), environment.home().root());
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread onInterrupt = new Thread(() -> cancelled.set(true));
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        ProgressBar progress = new ProgressBar(environment.err(), environment.interactive());
        List<Score> scores = new ArrayList<>();
        Map<String, String> subjectSettings;
        Instant started = Instant.now();
        EvaluationContext context = new EvaluationContext(progress, cancelled::get, environment.cache(),
                new DirectoryCheckpointStore(environment.home().checkpoints()), Runtime.getRuntime().maxMemory(),
                runOptions);
        try {
            List<Benchmark> created = new ArrayList<>();
            for (BenchmarkFactory factory : benchmarks) {
                created.add(factory.create(new PluginContext(
                        PluginConfiguration.forFactory(factory.id()), environment.cache(), environment.home().root())));
            }
            EvaluationRunner.Result result = EvaluationRunner.run(
                    new EvaluationRunner.Plan(choice, subjectOptions.asMap(), subjectContext, created), context,
                    score -> progress.finishLine());
            subjectSettings = result.subjectSettings();
            for (Score score : result.scores()) {
                scores.add(score.withAttributes(Map.of(ScoreAttributes.LANGSCORE_VERSION, LangscoreVersion.version())));
            }
        } finally {
            progress.finishLine();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting; nothing to undo
            }
        }
        PrintWriter out = environment.out();
        ScoreTable.print(out, subjectOptions.model, scores);
        if (json != null) {
            writeJson(subjectSettings, scores, started);
            environment.err().println("wrote " + json);
        }
    }

    private void writeJson(Map<String, String> subjectSettings, List<Score> scores, Instant started) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("langscore_version", LangscoreVersion.version());
        document.put("model", subjectOptions.model);
        document.put("subject_settings", subjectSettings);
        document.put("started", started.toString());
        document.put("finished", Instant.now().toString());
        document.put("scores", scores);
        try {
            Path parentDirectory = json.toAbsolutePath().getParent();
            if (parentDirectory != null) {
                Files.createDirectories(parentDirectory);
            }
            // Write to a temporary file first, so that a failure never leaves a half-written result.
            Path temporary = Files.createTempFile(parentDirectory, "." + json.getFileName().toString(), ".tmp");
            temporary.toFile().deleteOnExit();
            JsonOutput.mapper().writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), document);
            Files.move(temporary, json, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot write --json file " + json + ": "
                    + e.getMessage(), e);
        }
    }
}
