package org.langscore.huggingface.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the CPU offers that changes which kernel is faster, read once from Linux's {@code /proc/cpuinfo}. */
final class CpuFeatures {

    private static final boolean AMX = readAmx(Path.of("/proc/cpuinfo"));

    private CpuFeatures() {
    }

    /** @return whether the CPU has AMX with bfloat16 tiles ({@code amx_bf16}); false where it cannot be read */
    static boolean hasAmx() {
        return AMX;
    }

    /**
     * @param cpuinfo a {@code /proc/cpuinfo} file
     * @return whether its first {@code flags} line lists {@code amx_bf16}; false when there is none or it cannot
     *     be read
     */
    static boolean readAmx(Path cpuinfo) {
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> java.util.Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                            .contains("amx_bf16"))
                    .orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
