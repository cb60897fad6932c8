package org.langscore.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A contributor's plugin: compiled and jarred at test time, dropped into the plugins directory of a
 * fresh langscore home, then listed and used for scoring through the command line.
 */
class ContributedPluginTest {

    private static final String PLUGIN_SOURCE = """
            package contrib;

            import java.util.*;
            import org.langscore.spi.*;
            import org.langscore.metrics.*;

            public final class LengthPlugin implements Plugin {
                @Override public List<SubjectFactory> subjectFactories() {
                    return List.of(new SubjectFactory() {
                        public String id() { return "word-length"; }
                        public String description() { return "reading time = word length"; }
                        public boolean supports(String reference) { return reference.startsWith("length-model"); }
                        public Subject create(String reference, Map<String, String> options, PluginContext context) {
                            return new Subject() {
                                Task task;
                                public String identifier() { return reference; }
                                public void startBehavioralTask(Task task) { this.task = task; }
                                public List<PartResult> digestText(List<String> parts) {
                                    List<PartResult> results = new ArrayList<>();
                                    for (String part : parts) results.add(PartResult.readingTime(part, part.length()));
                                    return results;
                                }
                                public void close() { }
                            };
                        }
                    });
                }
                @Override public List<PluginCommand> commands() {
                    return List.of(new PluginCommand() {
                        public String name() { return "shout"; }
                        public String description() { return "print the arguments in capitals"; }
                        public int run(List<String> arguments, java.io.PrintWriter out, java.io.PrintWriter err,
                                PluginContext context) {
                            out.println(String.join(" ", arguments).toUpperCase());
                            return arguments.isEmpty() ? 2 : 0;
                        }
                    });
                }
                @Override public List<BenchmarkFactory> benchmarkFactories() {
                    return List.of(new BenchmarkFactory() {
                        public String id() { return "length-correlation"; }
                        public String description() { return "r between reading time and word length"; }
                        public String parent() { return "behavior"; }
                        public Benchmark create(PluginContext context) {
                            return new Benchmark() {
                                public String identifier() { return "length-correlation"; }
                                public int version() { return 1; }
                                public String parent() { return "behavior"; }
                                public Optional<Ceiling> ceiling() { return Optional.of(new Ceiling(0.5, Double.NaN, "test")); }
                                public String bibtex() { return ""; }
                                public String description() { return "test"; }
                                public Score evaluate(Subject subject, EvaluationContext context) {
                                    List<String> words = List.of("a", "tree", "is", "wonderfully", "green");
                                    subject.startBehavioralTask(Task.READING_TIMES);
                                    List<PartResult> results = subject.digestText(words);
                                    double[] x = new double[words.size()];
                                    double[] y = new double[words.size()];
                                    for (int i = 0; i < x.length; i++) {
                                        x[i] = results.get(i).readingTime();
                                        y[i] = words.get(i).length();
                                        context.progress().onProgress("words", i + 1, x.length, "words");
                                    }
                                    double r = PearsonCorrelation.of(x, y);
                                    CeilingNormalization.Normalized n = CeilingNormalization.normalize(r, 0.5);
                                    ItemTable items = new ItemTable("word", List.of("word", "reading_time"),
                                            List.of(List.of("a", x[0]), List.of("tree", x[1]), List.of("is", x[2]),
                                                    List.of("wonderfully", x[3]), List.of("green", x[4])));
                                    return new Score("length-correlation", 1, subject.identifier(), n.value(), n.unclipped(), r,
                                            0.5, Double.NaN, List.of(), List.of(items), Map.of());
                                }
                            };
                        }
                    });
                }
            }
            """;

    /** A plugin whose code fails when the host asks for its factories. */
    private static final String THROWING_SOURCE = """
            package contrib;

            import java.util.List;
            import org.langscore.spi.*;

            public final class ThrowingPlugin implements Plugin {
                @Override public List<SubjectFactory> subjectFactories() {
                    throw new IllegalStateException("this plugin is broken on purpose");
                }
            }
            """;

    @TempDir
    Path home;

    @BeforeEach
    void dropPlugins() throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        buildPluginJar(plugins.resolve("length-plugin.jar"), "contrib.LengthPlugin", PLUGIN_SOURCE);
        buildPluginJar(plugins.resolve("throwing-plugin.jar"), "contrib.ThrowingPlugin", THROWING_SOURCE);
        Files.writeString(plugins.resolve("broken.jar"), "this is not a zip file");
    }

    @Test
    void contributedPluginIsListedAndScoresAndABrokenJarIsSkipped() throws Exception {
        CliRun list = CliRun.run(home, "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("word-length") && list.out().contains("reading time = word length"), list.out());
        assertTrue(list.out().contains("length-correlation"), list.out());
        assertTrue(list.out().contains("broken.jar"), "the broken jar is reported by name: " + list.out());
        assertTrue(list.out().contains("throwing-plugin.jar") && list.out().contains("broken on purpose"),
                "a plugin that throws is skipped by name: " + list.out());

        // A jar is trusted code: the registry (and the log) name it with its SHA-256.
        Path jar = home.resolve("plugins/length-plugin.jar");
        org.langscore.registry.PluginRegistry registry = org.langscore.registry.PluginLoader.loadAll(
                getClass().getClassLoader(), home.resolve("plugins"));
        assertEquals(jar + " (sha256 " + org.langscore.runtime.DatasetCache.sha256(jar) + ")",
                registry.origin("benchmark", "length-correlation").orElseThrow());

        Path json = home.resolve("out/result.json");
        CliRun score = CliRun.run(home, "score", "--model", "length-model-1", "--benchmark", "length-correlation",
                "--json", json.toString());
        assertEquals(0, score.exitCode(), score.err());
        assertTrue(score.out().contains("length-correlation"), score.out());
        // r = 1 against a ceiling of 0.5: clipped score 1, unclipped 2.
        assertTrue(score.out().contains("1.0000") && score.out().contains("unclipped 2.0000"), score.out());
        assertTrue(score.err().contains("words/s"), "progress on stderr: " + score.err());
        JsonNode result = JsonOutput.mapper().readTree(json.toFile());
        JsonNode first = result.get("scores").get(0);
        assertEquals(1.0, first.get("raw").asDouble(), 1e-12);
        assertEquals(5, first.get("items").get(0).get("rows").size());
        assertTrue(first.get("uncertainty").isNull(), "NaN is written as null");
        assertEquals("word-length", first.get("attributes").get("subject.factory").asText());
    }

    @Test
    void contributedCommandRunsWithItsOwnArguments() {
        CliRun shout = CliRun.run(home, "shout", "--loud", "hello");
        assertEquals(0, shout.exitCode(), shout.err());
        assertEquals("--LOUD HELLO", shout.out().strip());
        assertEquals(2, CliRun.run(home, "shout").exitCode());
    }

    private static void buildPluginJar(Path jar, String className, String code) throws IOException {
        Path work = Files.createTempDirectory("plugin-src");
        Path source = work.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, code);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int result = compiler.run(null, null, null, "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), source.toString());
        assertEquals(0, result, "the test plugin must compile");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/org.langscore.spi.Plugin"));
            out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            List<Path> classFiles;
            try (Stream<Path> walk = Files.walk(classes)) {
                classFiles = walk.filter(Files::isRegularFile).toList();
            }
            for (Path classFile : classFiles) {
                out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
        }
    }
}
