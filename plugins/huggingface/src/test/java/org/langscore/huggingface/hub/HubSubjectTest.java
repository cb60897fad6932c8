package org.langscore.huggingface.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.huggingface.HuggingFaceSubjectFactory;
import org.langscore.huggingface.SharedFixtures;
import org.langscore.spi.PartResult;
import org.langscore.spi.PluginContext;
import org.langscore.spi.Subject;

/** A subject made from a Hub reference: downloaded from a loopback Hub, then loaded from the cache. */
class HubSubjectTest {

    @Test
    void theFactoryDownloadsAHubModelAndScoresWithIt(@TempDir Path home) throws Exception {
        String commit = "fedcba9876543210fedcba9876543210fedcba98";
        Path fixture = SharedFixtures.fixture("llama-0");
        Map<String, String> config;
        List<PartResult> online;
        try (LocalHubServer hub = new LocalHubServer()) {
            hub.addRepo("test-org/llama-0", commit, fixture);
            config = Map.of("hub.endpoint", hub.endpoint().toString(), "hub.cache", home.resolve("hub").toString());
            HuggingFaceSubjectFactory factory = new HuggingFaceSubjectFactory();
            assertTrue(factory.supports("test-org/llama-0@main"));
            try (Subject subject = factory.create("test-org/llama-0@main", Map.of(),
                    new PluginContext(config, home, home))) {
                assertEquals("test-org/llama-0", subject.identifier());
                online = subject.digestText(List.of("The", "quick", "brown", "fox"));
            }
        }
        // The Hub is gone: offline mode finds the same snapshot in the cache and gives the same numbers.
        Map<String, String> offline = Map.of("hub.offline", "1", "hub.cache", home.resolve("hub").toString());
        try (Subject subject = new HuggingFaceSubjectFactory().create("test-org/llama-0@" + commit, Map.of(),
                new PluginContext(offline, home, home))) {
            assertEquals("test-org/llama-0@" + commit, subject.identifier());
            assertEquals(online, subject.digestText(List.of("The", "quick", "brown", "fox")));
        }
        assertTrue(Double.isFinite(online.get(3).readingTime()));
    }
}
