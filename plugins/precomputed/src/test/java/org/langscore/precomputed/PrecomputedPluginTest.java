package org.langscore.precomputed;

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
import org.langscore.spi.Plugin;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.SubjectFactory;
import org.langscore.spi.Task;

class PrecomputedPluginTest {
    @TempDir
    Path temporary;

    private PluginRegistry registry() {
        List<Plugin> plugins = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof PrecomputedPlugin).toList();
        assertEquals(1, plugins.size());
        PluginRegistry registry = new PluginRegistry();
        registry.register(plugins.get(0), "class path");
        return registry;
    }

    @Test
    void serviceLoaderFindsTheFactoryAndItCreatesAndClosesASubject() throws IOException {
        Path file = temporary.resolve("values.tsv");
        Files.writeString(file, "word\tsurprisal_bits\nHello\t\nworld\t3.25\n");
        PluginRegistry registry = registry();
        PluginRegistry.SubjectChoice choice = registry.subjectFor("precomputed:" + file);
        assertEquals("precomputed", choice.factory().id());
        assertEquals(file.toString(), choice.reference());
        try (Subject subject = choice.factory().create(choice.reference(), Map.of(),
                new PluginContext(Map.of(), temporary, temporary))) {
            assertEquals("precomputed:values.tsv", subject.identifier());
            subject.startBehavioralTask(Task.READING_TIMES);
            assertEquals(3.25, subject.digestText(List.of("Hello", "world")).get(1).readingTime(), 0.0);
            assertEquals(DatasetCacheSha.of(file), subject.settings().get("file-sha256"));
        }
    }

    @Test
    void supportsTablesOfItsFormatsOnly() throws IOException {
        SubjectFactory factory = registry().subjects().get("precomputed");
        Path words = temporary.resolve("w.tsv");
        Files.writeString(words, "word\tsurprisal\n");
        Path tokens = temporary.resolve("t.csv");
        Files.writeString(tokens, "token,logprob,offset,model\n");
        Path other = temporary.resolve("o.tsv");
        Files.writeString(other, "a\tb\n");
        Path text = temporary.resolve("w.txt");
        Files.writeString(text, "word\tsurprisal\n");
        assertTrue(factory.supports(words.toString()));
        assertTrue(factory.supports(tokens.toString()));
        assertFalse(factory.supports(other.toString()));
        assertFalse(factory.supports(text.toString()));
        assertFalse(factory.supports(temporary.resolve("absent.tsv").toString()));
        assertFalse(factory.supports("gpt2"));
        // Folders are the huggingface factory's: not even one named like a table is claimed here.
        assertFalse(factory.supports(temporary.toString()));
        assertFalse(factory.supports(Files.createDirectory(temporary.resolve("folder.tsv")).toString()));
        assertEquals("precomputed", registry().subjectFor(words.toString()).factory().id());
    }

    @Test
    void theNextWordTaskIsRefused() throws IOException {
        Path file = temporary.resolve("values.tsv");
        Files.writeString(file, "word\tsurprisal_bits\nHello\t\n");
        try (Subject subject = new PrecomputedSubjectFactory().create(file.toString(), Map.of(),
                new PluginContext(Map.of(), temporary, temporary))) {
            ScoringException error = assertThrows(ScoringException.class,
                    () -> subject.startBehavioralTask(Task.NEXT_WORD));
            assertEquals(ErrorCode.UNSUPPORTED_TASK, error.code());
        }
    }

    /** The SHA-256 the subject records, computed here with the JDK directly. */
    static final class DatasetCacheSha {
        static String of(Path file) throws IOException {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(file)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
