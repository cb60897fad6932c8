package org.langscore.huggingface.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/** The pre-flight's arithmetic and verdicts, with injected memory figures. */
class MemoryPreflightTest {

    private static final long GIB = 1L << 30;

    /** A Mistral-7B-shaped footprint as its BF16 files give it (numbers of the real shape). */
    private static ModelFootprint mistral7b() {
        long layer = (4096L * 4096 * 2 + 1024L * 4096 * 2 + 14336L * 4096 * 3) * 4;   // widened, float32
        long head = 32000L * 4096 * 4;
        return new ModelFootprint(14_483_464_192L, 65 * 4096 * 4, layer + head, 32L * 2 * 8 * 128 * 4, 32, 32, 4096,
                14336, 32000, 7_241_732_096L - 65 * 4096);
    }

    @Test
    void aSevenBillionModelFitsTwentyFourGigabytesInMemory() {
        AvailableMemory machine = new AvailableMemory(23 * GIB, Long.MAX_VALUE, 6 * GIB);
        assertEquals(MemoryPreflight.Verdict.IN_MEMORY, MemoryPreflight.check("mistral", mistral7b(), 4096, 512, machine));
        MemoryEstimate estimate = mistral7b().forRun(4096, 512);
        // KV cache: 32 layers x (k, v) x 8 heads x 128 x 4 bytes x (4096 + 512) tokens, plus one layer's copy.
        assertEquals(32L * 2 * 8 * 128 * 4 * 4608 + 2L * 8 * 128 * 4 * 4608, estimate.kvCacheBytes());
        assertTrue(estimate.workingBytes() < 5 * GIB, estimate.describe());
    }

    @Test
    void bfloat16ProductsKeepACopyOfEveryMatrixThatMustFit() {
        AvailableMemory machine = new AvailableMemory(23 * GIB, Long.MAX_VALUE, 6 * GIB);
        ModelFootprint copies = mistral7b().withBfloat16Copies();
        assertEquals(mistral7b().residentWeightBytes() + 2 * mistral7b().matrixElements(), copies.residentWeightBytes());
        assertEquals(MemoryPreflight.Verdict.STREAMING, MemoryPreflight.check("mistral", copies, 4096, 512, machine));
        AvailableMemory small = new AvailableMemory(12 * GIB, Long.MAX_VALUE, 6 * GIB);
        assertThrows(ScoringException.class, () -> MemoryPreflight.check("mistral", copies, 4096, 512, small));
    }

    @Test
    void packedFloat32CopiesCountFourBytesPerWeightAndA7bModelDoesNotFitWithThem() {
        ModelFootprint packed = mistral7b().withPackedCopies();
        assertEquals(mistral7b().residentWeightBytes() + 4 * mistral7b().matrixElements(), packed.residentWeightBytes());
        AvailableMemory machine = new AvailableMemory(23 * GIB, Long.MAX_VALUE, 6 * GIB);
        ScoringException e = assertThrows(ScoringException.class,
                () -> MemoryPreflight.check("mistral", packed, 4096, 512, machine));
        assertEquals(org.langscore.spi.ErrorCode.INSUFFICIENT_MEMORY, e.code());
        // the same run with the stored weights fits
        assertEquals(MemoryPreflight.Verdict.IN_MEMORY, MemoryPreflight.check("mistral", mistral7b(), 4096, 512, machine));
    }

    @Test
    void weightsThatDoNotFitBesideTheWorkingMemoryAreStreamed() {
        AvailableMemory small = new AvailableMemory(10 * GIB, Long.MAX_VALUE, 6 * GIB);
        assertEquals(MemoryPreflight.Verdict.STREAMING, MemoryPreflight.check("mistral", mistral7b(), 4096, 512, small));
    }

    @Test
    void aRunThatCannotFitIsRefusedInOneLineWithWhatWouldFit() {
        // Mistral's full 32k context with 4,096-token chunks: the chunk's attention scores are the problem.
        AvailableMemory twelve = new AvailableMemory(12 * GIB, Long.MAX_VALUE, 6 * GIB);
        ScoringException e = assertThrows(ScoringException.class,
                () -> MemoryPreflight.check("mistral-7b", mistral7b(), 32768, 4096, twelve));
        assertEquals(ErrorCode.INSUFFICIENT_MEMORY, e.code());
        String message = e.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("Model mistral-7b needs about "), message);
        assertTrue(message.contains("only 12.0 GiB is available (MemAvailable 12.0 GiB)"), message);
        assertTrue(message.contains("KV cache 9.3 GiB (32768 tokens)"), message);
        assertTrue(message.contains("would fit: --chunk 128, or --window 2048 --chunk 2048"), message);
        // With 2 GiB under a 3 GiB cgroup no chunk helps: only a smaller window does.
        AvailableMemory tiny = new AvailableMemory(2 * GIB, 3 * GIB, 6 * GIB);
        String small = assertThrows(ScoringException.class,
                () -> MemoryPreflight.check("mistral-7b", mistral7b(), 32768, 4096, tiny)).getMessage();
        assertTrue(small.contains("(MemAvailable 2.0 GiB, cgroup allows 3.0 GiB)"), small);
        assertTrue(small.contains("would fit: --window 128 --chunk 128"), small);
    }

    @Test
    void theCgroupLimitCountsWhenItIsTheSmaller() {
        AvailableMemory cgroup = new AvailableMemory(20 * GIB, GIB, 6 * GIB);
        assertThrows(ScoringException.class, () -> MemoryPreflight.check("m", mistral7b(), 4096, 512, cgroup));
    }

    @Test
    void anArenaAboveTheDirectMemoryLimitNamesTheJvmOption() {
        AvailableMemory jvm = new AvailableMemory(20 * GIB, Long.MAX_VALUE, 512L << 20);
        ScoringException e = assertThrows(ScoringException.class,
                () -> MemoryPreflight.check("m", mistral7b(), 4096, 512, jvm));
        assertTrue(e.getMessage().contains("-XX:MaxDirectMemorySize="), e.getMessage());
    }

    @Test
    void meminfoAndCgroupFilesAreRead(@TempDir Path folder) throws IOException {
        Path meminfo = Files.writeString(folder.resolve("meminfo"),
                "MemTotal:       24000000 kB\nMemFree:         1000 kB\nMemAvailable:   20000000 kB\n");
        assertEquals(20000000L * 1024, AvailableMemory.meminfoAvailable(meminfo));
        Files.writeString(folder.resolve("memory.max"), "8589934592\n");
        Files.writeString(folder.resolve("memory.current"), "1073741824\n");
        assertEquals(7 * GIB, AvailableMemory.cgroupRemaining(folder));
        Files.writeString(folder.resolve("memory.max"), "max\n");
        assertEquals(Long.MAX_VALUE, AvailableMemory.cgroupRemaining(folder));
        assertEquals(12 * GIB, AvailableMemory.parseSize("12g"));
        assertEquals(800L << 20, AvailableMemory.parseSize("800M"));
    }
}
