package org.langscore.huggingface.memory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The memory a model run may use, read from the places that can each stop it.
 *
 * @param systemBytes the kernel's {@code MemAvailable}: what can be had without swapping
 * @param cgroupBytes what the process's control group still allows ({@code memory.max - memory.current}),
 *     {@link Long#MAX_VALUE} when it sets no limit
 * @param directMemoryBytes the JVM's limit on direct buffers ({@code -XX:MaxDirectMemorySize}, by default
 *     the heap's maximum), into which F16/BF16 matrices are widened
 */
public record AvailableMemory(long systemBytes, long cgroupBytes, long directMemoryBytes) {

    public AvailableMemory {
        if (systemBytes < 0 || cgroupBytes < 0 || directMemoryBytes < 0) {
            throw new IllegalArgumentException("negative memory: " + systemBytes + ", " + cgroupBytes + ", "
                    + directMemoryBytes);
        }
    }

    /** @return the memory native allocations may take: the smaller of the system's and the cgroup's */
    public long usableBytes() {
        return Math.min(systemBytes, cgroupBytes);
    }

    /** @return what this machine and JVM have now */
    public static AvailableMemory probe() {
        long system = meminfoAvailable(Path.of("/proc/meminfo"));
        long cgroup = cgroupRemaining(Path.of("/sys/fs/cgroup"));
        return new AvailableMemory(system, cgroup, maxDirectMemory());
    }

    /** @return MemAvailable in bytes, or the JVM's view of free physical memory where /proc is missing */
    static long meminfoAvailable(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    String[] fields = line.trim().split("\\s+");
                    return Long.parseLong(fields[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the JVM's figure
        }
        return Math.max(0, Runtime.getRuntime().maxMemory());
    }

    /** @return the cgroup (v2, else v1) limit minus usage, {@link Long#MAX_VALUE} when unlimited or unknown */
    static long cgroupRemaining(Path root) {
        long v2 = remaining(root.resolve("memory.max"), root.resolve("memory.current"));
        if (v2 != Long.MAX_VALUE) {
            return v2;
        }
        return remaining(root.resolve("memory/memory.limit_in_bytes"), root.resolve("memory/memory.usage_in_bytes"));
    }

    private static long remaining(Path limitFile, Path usageFile) {
        try {
            String limit = Files.readString(limitFile).trim();
            if (limit.equals("max")) {
                return Long.MAX_VALUE;
            }
            long limitBytes = Long.parseLong(limit);
            if (limitBytes >= Long.MAX_VALUE / 2) {
                return Long.MAX_VALUE; // v1 writes a huge number for "no limit"
            }
            long usage = Long.parseLong(Files.readString(usageFile).trim());
            return Math.max(0, limitBytes - usage);
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /** @return -XX:MaxDirectMemorySize when given, else the JVM's default (the heap's maximum) */
    static long maxDirectMemory() {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String argument : arguments) {
            if (argument.startsWith("-XX:MaxDirectMemorySize=")) {
                return parseSize(argument.substring("-XX:MaxDirectMemorySize=".length()));
            }
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** @return a JVM size such as {@code 8g}, {@code 512m} or {@code 1048576} in bytes */
    public static long parseSize(String size) {
        String value = size.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        char last = value.charAt(value.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g' || last == 't') {
            unit = switch (last) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1L << 40;
            };
            value = value.substring(0, value.length() - 1);
        }
        return Long.parseLong(value) * unit;
    }
}
