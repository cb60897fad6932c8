package org.langscore.huggingface.model;

import java.nio.file.Path;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.langscore.huggingface.SharedFixtures;
import org.langscore.testing.SharedData;

/**
 * The forward-pass tests' view of the shared hf-tiny fixtures: reference numbers and token arrays. The
 * fixtures are found by core's {@link SharedData} (tests fail, not skip, when they are missing).
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** @return the folder that holds every fixture */
    public static Path hfTiny() {
        return SharedData.fixtures();
    }

    /** @return the folder of one fixture */
    public static Path folder(String fixture) {
        return SharedData.fixture(fixture);
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
        return SharedFixtures.readJson(file);
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
