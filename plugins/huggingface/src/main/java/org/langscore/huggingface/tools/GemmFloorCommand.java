package org.langscore.huggingface.tools;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.langscore.huggingface.model.GemmFloor;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PluginCommand;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;

/**
 * {@code langscore gemm-floor --model <dir> [--tokens N] [--reps N]}: times the same libtorch that scores
 * the model multiplying {@code N} tokens (default 512, a chunk) by each of the model's own weight-matrix
 * shapes, in float32 (libtorch's BLAS, and oneDNN from packed matrices) and in bfloat16, and prints the
 * GFLOP/s of each shape and their count-weighted floor (total operations of one pass over all matrices /
 * total time; the float32 floor takes the faster float32 way on each shape). With
 * {@code --work-gflop G --work-seconds S} (a run's matrix work, as printed with
 * {@code -Dlangscore.report-work=true}) it also prints the run's fraction of each floor. It also times
 * fused against composed attention on the model's heads (a chunk of N tokens after N cached ones).
 */
public final class GemmFloorCommand implements PluginCommand {
    private static final String USAGE = "Usage: langscore gemm-floor --model <dir> [--tokens N] [--reps N]"
            + " [--work-gflop G --work-seconds S]";

    @Override
    public String name() {
        return "gemm-floor";
    }

    @Override
    public String description() {
        return "Time this machine's float32 and bfloat16 GEMM on a model's own matrix shapes (the speed floor).";
    }

    @Override
    public int run(List<String> arguments, PrintWriter out, PrintWriter err, PluginContext context) {
        Path model = null;
        int tokens = 512;
        int reps = 5;
        double workGflop = -1;
        double workSeconds = -1;
        ToolArguments parsed = ToolArguments.of(arguments);
        for (ToolArguments.Option option : parsed.options()) {
            String argument = option.name();
            String value = option.value();
            try {
                switch (argument) {
                    case "--model" -> model = Path.of(value);
                    case "--tokens" -> tokens = positive(argument, Integer.parseInt(value));
                    case "--reps" -> reps = positive(argument, Integer.parseInt(value));
                    case "--work-gflop" -> workGflop = Double.parseDouble(value);
                    case "--work-seconds" -> workSeconds = Double.parseDouble(value);
                    default -> {
                        return usage(err, "unknown option '" + argument + "'");
                    }
                }
            } catch (NumberFormatException e) {
                return usage(err, argument + " needs a number, got '" + value + "'");
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
        }
        Integer stop = parsed.stop(out, err, name(), USAGE);
        if (stop != null) {
            return stop;
        }
        if (model == null) {
            return usage(err, "--model is required");
        }
        if (!Files.isDirectory(model)) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "--model folder " + model + " does not exist");
        }
        List<GemmFloor.MatrixShape> shapes = GemmFloor.shapesOf(model);
        if (shapes.isEmpty()) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, model + " holds no 2-D weight matrix");
        }
        double flop = 0;
        double secondsBlas = 0;
        double secondsPacked = 0;
        double seconds32 = 0;
        double seconds16 = 0;
        out.printf("GEMM floor of %s: %d tokens x each matrix, %d products per timing, best of 5%n", model, tokens, reps);
        out.println("matrix [out x in]  count  float32 GFLOP/s  float32 packed GFLOP/s  bfloat16 GFLOP/s");
        for (GemmFloor.MatrixShape shape : shapes) {
            GemmFloor.Rate rate = GemmFloor.measure(shape, tokens, reps, 1);
            double f = 2.0 * tokens * shape.rows() * shape.columns() * shape.count();
            flop += f;
            secondsBlas += f / (rate.float32() * 1e9);
            secondsPacked += rate.float32Packed() > 0 ? f / (rate.float32Packed() * 1e9) : Double.POSITIVE_INFINITY;
            seconds32 += f / (rate.bestFloat32() * 1e9);
            seconds16 += f / (rate.bfloat16() * 1e9);
            out.printf("%-18s %6d  %15.1f  %22.1f  %16.1f%n", shape.rows() + " x " + shape.columns(), shape.count(),
                    rate.float32(), rate.float32Packed(), rate.bfloat16());
            out.flush();
        }
        attention(model, tokens, out);
        double floor32 = flop / seconds32 / 1e9;
        double floor16 = flop / seconds16 / 1e9;
        out.printf("float32 by libtorch's BLAS=%.1f GFLOP/s, by oneDNN from packed matrices=%.1f GFLOP/s%n",
                flop / secondsBlas / 1e9, flop / secondsPacked / 1e9);
        // the float32 floor is the faster of the two on each shape
        out.printf("floor float32=%.1f GFLOP/s bfloat16=%.1f GFLOP/s%n", floor32, floor16);
        if (workGflop > 0 && workSeconds > 0) {
            double rate = workGflop / workSeconds;
            out.printf("run %.1f GFLOP/s = %.0f%% of the float32 floor, %.0f%% of the bfloat16 floor%n", rate,
                    100 * rate / floor32, 100 * rate / floor16);
        }
        return 0;
    }

    /** Fused against composed attention on the model's heads: a chunk of {@code tokens} after as many cached. */
    private static void attention(Path model, int tokens, PrintWriter out) {
        try {
            com.google.gson.JsonObject config = com.google.gson.JsonParser.parseString(
                    Files.readString(model.resolve("config.json"))).getAsJsonObject();
            int heads = firstInt(config, "n_head", "num_attention_heads");
            int hidden = firstInt(config, "n_embd", "hidden_size");
            int kvHeads = config.has("num_key_value_heads") ? config.get("num_key_value_heads").getAsInt() : heads;
            if (heads <= 0 || hidden <= 0) {
                return;
            }
            GemmFloor.AttentionTimes times = GemmFloor.attention(heads, kvHeads, tokens, 2 * tokens, hidden / heads, 5);
            out.printf("attention H=%d Hkv=%d n=%d L=%d d=%d: fused %.2f ms, composed %.2f ms (%.2fx)%n", heads, kvHeads,
                    tokens, 2 * tokens, hidden / heads, times.fusedMillis(), times.composedMillis(),
                    times.composedMillis() / times.fusedMillis());
            out.flush();
        } catch (java.io.IOException | RuntimeException e) {
            out.println("attention: not timed (" + e.getMessage() + ")");
        }
    }

    private static int firstInt(com.google.gson.JsonObject config, String... keys) {
        for (String key : keys) {
            if (config.has(key) && !config.get(key).isJsonNull()) {
                return config.get(key).getAsInt();
            }
        }
        return -1;
    }

    private static int positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
        return value;
    }

    private int usage(PrintWriter err, String message) {
        return ToolArguments.usage(err, name(), USAGE, message);
    }
}
