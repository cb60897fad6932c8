package org.langscore.huggingface.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.huggingface.SharedFixtures;
import org.langscore.huggingface.model.GemmFloor;
import org.langscore.spi.PluginContext;

/**
 * {@code gemm-floor}: the matrix shapes are the model's products (the tied embedding counted once as the
 * output layer, position tables left out), the rates are measured, and the run's fraction is printed.
 */
class GemmFloorCommandTest {

    @TempDir
    Path directory;

    private int run(StringWriter out, StringWriter err, String... arguments) {
        return new GemmFloorCommand().run(List.of(arguments), new PrintWriter(out, true), new PrintWriter(err, true),
                new PluginContext(Map.of(), directory, directory));
    }

    @Test
    void shapesAreTheProductsOfAForwardPass() {
        // gpt2-0: 2 layers, E=64, V=1000, tied head, a learned position table of 64 rows
        List<GemmFloor.MatrixShape> shapes = GemmFloor.shapesOf(SharedFixtures.fixture("gpt2-0"));
        // c_attn [64, 192], c_proj [64, 64], c_fc [64, 256], mlp c_proj [256, 64] (Conv1D: stored [in, out])
        assertTrue(shapes.containsAll(List.of(new GemmFloor.MatrixShape(64, 192, 2), new GemmFloor.MatrixShape(64, 64, 2),
                new GemmFloor.MatrixShape(64, 256, 2), new GemmFloor.MatrixShape(256, 64, 2))), shapes.toString());
        assertEquals(5, shapes.size(), shapes.toString());
        assertTrue(shapes.contains(new GemmFloor.MatrixShape(1000, 64, 1)), "the tied embedding is the head: " + shapes);
        assertTrue(shapes.stream().noneMatch(s -> s.rows() == 64 && s.columns() == 64 && s.count() == 3),
                "the position table [64, 64] is a lookup, not a product: " + shapes);
    }

    @Test
    void printsTheFloorAndTheRunsFraction() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "--model", SharedFixtures.fixture("gpt2-0").toString(), "--tokens", "16", "--reps", "2",
                "--work-gflop", "1", "--work-seconds", "1");
        assertEquals(0, code, err.toString());
        Matcher floor = Pattern.compile("floor float32=([0-9.]+) GFLOP/s bfloat16=([0-9.]+) GFLOP/s").matcher(out.toString());
        assertTrue(floor.find(), out.toString());
        assertTrue(Double.parseDouble(floor.group(1)) > 0 && Double.parseDouble(floor.group(2)) > 0, out.toString());
        assertTrue(out.toString().contains("attention H=4 Hkv=4 n=16 L=32 d=16: fused"), out.toString());
        assertTrue(out.toString().contains("run 1.0 GFLOP/s = "), out.toString());
    }

    @Test
    void aMissingModelIsAUsageError() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err));
        assertTrue(err.toString().contains("--model is required"), err.toString());
        assertEquals(2, run(new StringWriter(), err, "--model", "x", "--tokens", "0"));
        assertTrue(err.toString().contains("--tokens must be at least 1"), err.toString());
    }
}
