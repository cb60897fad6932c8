package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.langscore.huggingface.policy.ContextPolicies;
import org.langscore.huggingface.policy.ContextPolicy;
import org.langscore.huggingface.policy.ScoredText;

/**
 * A 20,000-token text on a tiny model leaves memory where a 2,000-token text left it: exactly the same
 * native tensors alive (the model's weights; every per-chunk tensor and every cache freed), and Java
 * heap in use after a collection within a few MB.
 *
 * <p>The process's resident size is printed but not asserted: on this machine it swings by up to
 * ~100 MB between identical runs (glibc arenas, direct buffers awaiting their cleaner), up as well as
 * down, which hides nothing the exact tensor count would miss.
 */
class LongTextMemoryTest {

    private static final long HEAP_TOLERANCE_BYTES = 4L << 20;

    @ParameterizedTest
    @CsvSource({"llama-0, sliding", "gpt2-0, strided"})
    void memoryStaysFlatOverTwentyThousandTokens(String fixture, String policyName) throws IOException {
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            DecoderModel decoder = (DecoderModel) model;
            ContextPolicy policy = ContextPolicies.forName(policyName, Map.of("chunk", "32"), model.info());
            int weightsOnly = decoder.liveArrayCount();

            ScoredText shortText = policy.score(model, randomTokens(2_000, 1), null);
            assertTrue(Double.isFinite(shortText.logProbs()[1_999]));
            long heapAfterShort = heapUsedAfterGc();
            long rssAfterShort = residentBytes();
            assertEquals(weightsOnly, decoder.liveArrayCount(), "native tensors alive after 2,000 tokens");

            ScoredText longText = policy.score(model, randomTokens(20_000, 2), null);
            assertTrue(Double.isFinite(longText.logProbs()[19_999]));
            long heapAfterLong = heapUsedAfterGc();
            long rssAfterLong = residentBytes();
            assertEquals(weightsOnly, decoder.liveArrayCount(), "native tensors alive after 20,000 tokens");
            System.out.printf("%s %s: after 2,000 / 20,000 tokens: heap in use %d / %d KB, resident %d / %d MB%n",
                    fixture, policyName, heapAfterShort >> 10, heapAfterLong >> 10, rssAfterShort >> 20,
                    rssAfterLong >> 20);
            assertTrue(heapAfterLong - heapAfterShort < HEAP_TOLERANCE_BYTES, "heap in use grew by "
                    + ((heapAfterLong - heapAfterShort) >> 10) + " KB between 2,000 and 20,000 tokens");
        }
    }

    private static int[] randomTokens(int n, long seed) {
        Random random = new Random(seed);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = random.nextInt(1000);
        }
        return ids;
    }

    private static long heapUsedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
