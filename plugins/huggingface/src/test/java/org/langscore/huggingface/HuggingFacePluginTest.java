package org.langscore.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.registry.PluginRegistry;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.Plugin;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.SubjectFactory;
import org.langscore.spi.Task;

/** Wiring: ServiceLoader finds the plugin; its factory creates, runs and closes a subject on a fixture. */
class HuggingFacePluginTest {

    @TempDir
    Path home;

    @Test
    void serviceLoaderFindsThePluginAndItsFactoryMakesAWorkingSubject() throws IOException {
        List<Plugin> plugins = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof HuggingFacePlugin).toList();
        assertEquals(1, plugins.size(), "one HuggingFacePlugin registered in META-INF/services");
        List<SubjectFactory> factories = plugins.get(0).subjectFactories();
        assertEquals(1, factories.size());
        SubjectFactory factory = factories.get(0);
        assertEquals("huggingface", factory.id());
        assertTrue(plugins.get(0).benchmarkFactories().isEmpty());

        Path folder = SharedFixtures.fixture("gpt2-0");
        assertTrue(factory.supports(folder.toString()));
        try (Subject subject = factory.create(folder.toString(), Map.of(), context())) {
            assertEquals("gpt2-0", subject.identifier());
            subject.startBehavioralTask(Task.READING_TIMES);
            List<PartResult> results = subject.digestText(List.of("The", "quick", "brown", "fox"));
            assertEquals(4, results.size());
            assertTrue(Double.isNaN(results.get(0).readingTime()));
            for (PartResult result : results.subList(1, 4)) {
                assertTrue(result.readingTime() > 0 && Double.isFinite(result.readingTime()), result.toString());
                assertEquals(1, result.tokenCount());
            }
            assertEquals("float32", subject.settings().get("dtype"));
            // Two models that share a folder name must not share scores or checkpoints.
            assertEquals(folder.toRealPath().toString(), subject.settings().get("model.folder"));
            assertTrue(subject.settings().get("model.weights").startsWith("1 file(s), "
                    + java.nio.file.Files.size(folder.resolve("model.safetensors")) + " bytes"),
                    subject.settings().get("model.weights"));
            // The factory's own pre-flight checked the run against the machine's memory.
            assertTrue(subject.estimatedMemoryBytes().isEmpty());
        }
    }

    @Test
    void supportsEveryFolderAndHubReferencesButNoFile(@TempDir Path empty) throws IOException {
        HuggingFaceSubjectFactory factory = new HuggingFaceSubjectFactory(Map.of());
        assertTrue(factory.supports("openai-community/gpt2"));
        assertTrue(factory.supports("EleutherAI/pythia-160m@step1000"));
        assertTrue(factory.supports(SharedFixtures.fixture("gpt2-0").toString()));
        assertFalse(factory.supports(empty.toString()), "an empty folder may belong to another plugin");
        Files.writeString(empty.resolve("tokenizer.json"), "{}");
        assertTrue(factory.supports(empty.toString()), "a model folder without config.json gets the factory's own error");
        Files.delete(empty.resolve("tokenizer.json"));
        Path table = Files.writeString(empty.resolve("values.tsv"), "word\tsurprisal\n");
        assertFalse(factory.supports(table.toString()), "a file is not a model folder");
        assertFalse(factory.supports("not a model"));
        assertFalse(factory.supports("/no/such/folder/at/all"));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path folder) throws IOException {
        HuggingFaceSubjectFactory factory = new HuggingFaceSubjectFactory(Map.of());
        Path fixture = SharedFixtures.fixture("gpt2-0");

        assertMissing(factory, folder, "config.json");
        Files.copy(fixture.resolve("config.json"), folder.resolve("config.json"));
        assertMissing(factory, folder, "tokenizer.json");
        Files.copy(fixture.resolve("tokenizer.json"), folder.resolve("tokenizer.json"));
        assertMissing(factory, folder, "model.safetensors");
    }

    @Test
    void aFolderWithoutConfigIsRoutedHereAndNamesTheMissingFile(@TempDir Path folder) throws IOException {
        Files.copy(SharedFixtures.fixture("gpt2-0").resolve("model.safetensors"), folder.resolve("model.safetensors"));
        PluginRegistry registry = new PluginRegistry();
        registry.register(new HuggingFacePlugin(), "test");
        PluginRegistry.SubjectChoice choice = registry.subjectFor(folder.toString());
        assertEquals(HuggingFaceSubjectFactory.ID, choice.factory().id());
        ScoringException e = assertThrows(ScoringException.class,
                () -> choice.factory().create(choice.reference(), Map.of(), context()));
        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains(folder.toString()) && e.getMessage().contains("has no config.json"),
                e.getMessage());
    }

    @Test
    void aCorruptConfigIsOneLineNamingTheFileLineAndColumn(@TempDir Path folder) throws IOException {
        Path fixture = SharedFixtures.fixture("gpt2-0");
        Files.copy(fixture.resolve("tokenizer.json"), folder.resolve("tokenizer.json"));
        Files.writeString(folder.resolve("config.json"), "{\n  \"model_type\": \"gpt2\",\n  \"n_embd\": 32\n  \"n_layer\": 2\n}\n");
        ScoringException e = assertThrows(ScoringException.class,
                () -> new HuggingFaceSubjectFactory(Map.of()).create(folder.toString(), Map.of(), context()));
        assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
        String message = e.getMessage();
        assertTrue(message.contains(folder.resolve("config.json").toString()), message);
        assertTrue(message.contains("line 4 column"), message);
        assertFalse(message.contains("http") || message.contains("\n") || message.contains("MalformedJson"), message);
        assertTrue(e.getCause() != null, "the parser's error is chained");
        System.out.println("corrupt config.json: " + message);
    }

    @Test
    void badOptionsAndReferencesAreNamed() {
        HuggingFaceSubjectFactory factory = new HuggingFaceSubjectFactory(Map.of());
        String folder = SharedFixtures.fixture("gpt2-0").toString();
        ScoringException window = assertThrows(ScoringException.class,
                () -> factory.create(folder, Map.of("window", "-3"), context()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, window.code());
        assertTrue(window.getMessage().contains("window") && window.getMessage().contains("-3"), window.getMessage());
        ScoringException policy = assertThrows(ScoringException.class,
                () -> factory.create(folder, Map.of("policy", "nonsense"), context()));
        ScoringException slidingOnGpt2 = assertThrows(ScoringException.class,
                () -> factory.create(folder, Map.of("policy", "sliding"), context()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, slidingOnGpt2.code());
        assertEquals(ErrorCode.INVALID_ARGUMENT, policy.code());
        assertTrue(policy.getMessage().contains("nonsense"), policy.getMessage());
        ScoringException reference = assertThrows(ScoringException.class,
                () -> factory.create("no such thing", Map.of(), context()));
        assertEquals(ErrorCode.UNKNOWN_MODEL, reference.code());
    }

    private void assertMissing(HuggingFaceSubjectFactory factory, Path folder, String file) {
        ScoringException e = assertThrows(ScoringException.class,
                () -> factory.create(folder.toString(), Map.of(), context()));
        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(file), "the message names " + file + ": " + e.getMessage());
    }

    private PluginContext context() {
        return new PluginContext(Map.of("hub.offline", "true", "hub.cache", home.resolve("hub").toString()),
                home.resolve("cache"), home);
    }
}
