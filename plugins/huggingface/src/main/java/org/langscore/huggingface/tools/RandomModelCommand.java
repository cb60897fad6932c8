package org.langscore.huggingface.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.PluginCommand;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;

/**
 * {@code langscore random-model --like <name> --tokenizer <tokenizer.json> --out <dir>}: writes a
 * random-weight model with a well-known model's real shapes, for speed benchmarks with no download.
 * {@code --set key=value} changes a config entry (e.g. a smaller {@code n_layer}); {@code --dtype}
 * picks f32 (default), f16 or bf16; {@code --seed} the seed.
 */
public final class RandomModelCommand implements PluginCommand {
    private static final String USAGE = "Usage: langscore random-model --like <" + String.join("|", ModelShape.known())
            + "> --tokenizer <tokenizer.json> --out <dir> [--dtype f32|f16|bf16] [--seed N] [--set key=value]...";

    @Override
    public String name() {
        return "random-model";
    }

    @Override
    public String description() {
        return "Write a random-weight model with a known model's real shapes (for benchmarks).";
    }

    @Override
    public int run(List<String> arguments, PrintWriter out, PrintWriter err, PluginContext context) {
        String like = null;
        Path tokenizer = null;
        Path target = null;
        RandomModelWriter.DType dtype = RandomModelWriter.DType.F32;
        long seed = 0;
        Map<String, String> overrides = new LinkedHashMap<>();
        ToolArguments parsed = ToolArguments.of(arguments);
        for (ToolArguments.Option option : parsed.options()) {
            String argument = option.name();
            String value = option.value();
            switch (argument) {
                case "--like" -> like = value;
                case "--tokenizer" -> tokenizer = Path.of(value);
                case "--out" -> target = Path.of(value);
                case "--seed" -> {
                    try {
                        seed = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        return usage(err, "--seed must be an integer, got '" + value + "'");
                    }
                }
                case "--dtype" -> {
                    try {
                        dtype = RandomModelWriter.DType.valueOf(value.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        return usage(err, "--dtype must be f32, f16 or bf16, got '" + value + "'");
                    }
                }
                case "--set" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        return usage(err, "--set needs key=value, got '" + value + "'");
                    }
                    overrides.put(value.substring(0, equals), value.substring(equals + 1));
                }
                default -> {
                    return usage(err, "unknown option '" + argument + "'");
                }
            }
        }
        Integer stop = parsed.stop(out, err, name(), USAGE);
        if (stop != null) {
            return stop;
        }
        if (like == null || tokenizer == null || target == null) {
            return usage(err, "--like, --tokenizer and --out are required");
        }
        ModelShape shape = ModelShape.of(like);
        if (shape == null) {
            return usage(err, "unknown --like '" + like + "'; known: " + String.join(", ", ModelShape.known()));
        }
        if (!Files.isRegularFile(tokenizer)) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "--tokenizer file " + tokenizer + " does not exist");
        }
        ModelShape changed = shape.with(overrides);
        long total = changed.parameterCount() * dtype.bytes;
        try {
            long started = System.nanoTime();
            long[] lastReport = {started};
            RandomModelWriter.write(changed, tokenizer, target, dtype, seed, written -> {
                long now = System.nanoTime();
                if (now - lastReport[0] > 2_000_000_000L) {
                    lastReport[0] = now;
                    err.printf("random-model: %d / %d MiB written%n", written >> 20, total >> 20);
                    err.flush();
                }
            });
            out.printf("wrote %s (%s, %d parameters, %s, %.1f s)%n", target, like, changed.parameterCount(), dtype,
                    (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "cannot write random model to " + target + ": "
                    + e.getMessage(), e);
        }
    }

    private int usage(PrintWriter err, String message) {
        return ToolArguments.usage(err, name(), USAGE, message);
    }
}
