package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AMX is read from the first {@code flags} line of a {@code /proc/cpuinfo}; anything unreadable means none.
 * A bfloat16 run's attention is bfloat16 where the CPU has AMX (unless a system property says otherwise).
 */
class CpuFeaturesTest {

    @TempDir
    Path directory;

    @Test
    void amxBf16InTheFlagsLineIsAmx() throws IOException {
        Path cpuinfo = Files.writeString(directory.resolve("cpuinfo"), "processor\t: 0\nmodel name\t: Xeon\n"
                + "flags\t\t: fpu sse avx512f avx512_bf16 amx_bf16 amx_tile amx_int8\n\nprocessor\t: 1\n");
        assertTrue(CpuFeatures.readAmx(cpuinfo));
    }

    @Test
    void avx512Bf16AloneIsNotAmx() throws IOException {
        Path cpuinfo = Files.writeString(directory.resolve("cpuinfo"),
                "processor\t: 0\nflags\t\t: fpu sse avx512f avx512_bf16 amx_tile_not_bf16\n");
        assertFalse(CpuFeatures.readAmx(cpuinfo));
    }

    @Test
    void bfloat16AttentionFollowsTheCpuInBfloat16RunsOnly() {
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder("llama-0"))) {
            assertEquals(ProductPrecision.FLOAT32, model.attentionProducts());
            model.useProducts(ProductPrecision.BFLOAT16);
            assertEquals(TensorOps.BFLOAT16_ATTENTION ? ProductPrecision.BFLOAT16 : ProductPrecision.FLOAT32,
                    model.attentionProducts());
            assertEquals(Boolean.getBoolean("langscore.bfloat16-attention") || System.getProperty(
                    "langscore.bfloat16-attention") == null && CpuFeatures.hasAmx(), TensorOps.BFLOAT16_ATTENTION);
        }
    }

    @Test
    void noFileOrNoFlagsLineIsNoAmx() throws IOException {
        assertFalse(CpuFeatures.readAmx(directory.resolve("missing")));
        assertFalse(CpuFeatures.readAmx(Files.writeString(directory.resolve("empty"), "processor\t: 0\n")));
    }
}
