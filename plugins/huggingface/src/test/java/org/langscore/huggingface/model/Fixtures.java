package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The shared hf-tiny fixtures (read-only reference data; tests fail, not skip, when they are missing). */
public final class Fixtures {

    private Fixtures() {
    }

    /** @return the hf-tiny folder */
    public static Path hfTiny() {
        String shared = System.getProperty("langscore.shared.dir");
        if (shared == null) {
            fail("System property langscore.shared.dir is not set (the parent pom sets it for test JVMs)");
        }
        Path dir = Path.of(shared, "fixtures", "hf-tiny");
        if (!Files.isDirectory(dir)) {
            fail("The hf-tiny fixtures are missing: " + dir);
        }
        return dir;
    }

    /** @return the folder of one fixture */
    public static Path folder(String fixture) {
        Path dir = hfTiny().resolve(fixture);
        if (!Files.isDirectory(dir)) {
            fail("Fixture folder missing: " + dir);
        }
        return dir;
    }

    /**
     * The reference numbers of a fixture: {@code expected-transformers-4.44.0.json} for mistral-swa-0
     * (the W-key sliding-window rule langscore matches), {@code expected.json} otherwise.
     */
    public static JsonObject reference(String fixture) {
        String name = fixture.equals("mistral-swa-0") ? "expected-transformers-4.44.0.json" : "expected.json";
        return json(folder(fixture).resolve(name));
    }

    /** @return a parsed JSON file */
    public static JsonObject json(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file, e);
        }
    }

    /** @return the array as ints */
    public static int[] ints(JsonArray array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsInt();
        }
        return out;
    }

    /** @return the array as doubles (JSON null as NaN) */
    public static double[] doubles(JsonArray array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement e = array.get(i);
            out[i] = e.isJsonNull() ? Double.NaN : e.getAsDouble();
        }
        return out;
    }

    /** @return positions {@code 0..n-1} */
    public static long[] positions(int n) {
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** @return for each token the next token, -1 for the last */
    public static int[] nextTargets(int[] ids) {
        int[] t = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            t[i] = i + 1 < ids.length ? ids[i + 1] : -1;
        }
        return t;
    }
}
