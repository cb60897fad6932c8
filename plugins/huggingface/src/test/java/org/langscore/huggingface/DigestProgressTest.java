package org.langscore.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.PartResult;
import org.langscore.spi.PluginContext;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

/**
 * Progress inside one long {@code digestText} call: on gpt2-realtok-0 (window 64) a text of 300 Natural
 * Stories words (345 tokens) reports parts done as the policy goes, in increasing steps, ending at the
 * number of parts, under every policy GPT-2 can run; and the results equal those of the call without a listener.
 */
class DigestProgressTest {

    @TempDir
    Path home;

    @Test
    void slidingReportsAfterEveryChunkOnARotaryModel() {
        JsonObject text = SharedFixtures.expected("llama-0").getAsJsonArray("texts").get(0).getAsJsonObject();
        List<String> words = List.of(text.get("text").getAsString().split(" "));
        try (Subject subject = new HuggingFaceSubjectFactory(Map.of()).create(
                SharedFixtures.fixture("llama-0").toString(), Map.of("policy", "sliding", "window", "16", "chunk", "4"),
                new PluginContext(Map.of("hub.offline", "true"), home, home))) {
            List<Long> done = new ArrayList<>();
            List<PartResult> results = subject.digestText(words, (stage, d, total, unit) -> {
                assertEquals(words.size(), total);
                done.add(d);
            });
            assertEquals(words.size(), results.size());
            assertTrue(done.size() >= words.size() / 8, "a report every chunk of 4 tokens: " + done);
            for (int i = 1; i < done.size(); i++) {
                assertTrue(done.get(i) > done.get(i - 1), "increasing: " + done);
            }
            assertEquals(words.size(), done.get(done.size() - 1));
        }
    }

    @Test
    void aTextPastTheWindowReportsIncreasingPartsDoneEndingAtItsSizeUnderEveryPolicy() {
        JsonObject ns = SharedFixtures.expected("gpt2-realtok-0").getAsJsonObject("naturalstories");
        List<String> words = new ArrayList<>();
        for (JsonElement word : ns.getAsJsonArray("words")) {
            words.add(word.getAsString());
        }
        // sliding needs rotary positions (GPT-2's learned table ends at 64); its chunk loop reports as strided's does
        for (String policy : List.of("strided", "truncate", "brainscore-kv", "reset")) {
            Map<String, String> options = Map.of("policy", policy);
            try (Subject subject = new HuggingFaceSubjectFactory(Map.of()).create(
                    SharedFixtures.fixture("gpt2-realtok-0").toString(), options,
                    new PluginContext(Map.of("hub.offline", "true"), home, home))) {
                subject.startBehavioralTask(Task.READING_TIMES);
                List<long[]> reports = new ArrayList<>();
                List<PartResult> withProgress = subject.digestText(words, (stage, done, total, unit) -> {
                    assertEquals("words", unit);
                    assertEquals(subject.identifier(), stage);
                    reports.add(new long[] {done, total});
                });
                assertTrue(reports.size() > 3, policy + ": several reports within the call, got " + reports.size());
                for (int i = 0; i < reports.size(); i++) {
                    assertEquals(words.size(), reports.get(i)[1], policy + ": total");
                    if (i > 0) {
                        assertTrue(reports.get(i)[0] > reports.get(i - 1)[0], policy + ": parts done increase, report " + i);
                    }
                }
                assertTrue(reports.get(0)[0] < words.size() / 2, policy + ": the first report comes early");
                assertEquals(words.size(), reports.get(reports.size() - 1)[0], policy + ": the last report is all parts");
                List<PartResult> plain = subject.digestText(words);
                for (int i = 0; i < words.size(); i++) {
                    assertEquals(plain.get(i).readingTime(), withProgress.get(i).readingTime(), 0.0, policy + " word " + i);
                }
            }
        }
    }
}
