package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Weights stay in their stored precision and are widened at use, which is exact: an F16 or BF16 copy of a
 * fixture scores as an F32 file holding the same (rounded) values, through the full pass and the KV cache
 * alike. Tolerance 2e-6 nats (measured at most 1e-6): the same float32 numbers go through the same products,
 * and only the summation order may differ where libtorch picks another kernel for a mapped array (aligned
 * to the file's offsets) than for an arena buffer.
 */
class StoredPrecisionTest {

    @TempDir
    Path directory;

    static Stream<Arguments> fixturesAndTypes() {
        return Stream.of("gpt2-0", "llama-0", "mistral-swa-0", "qwen2-0", "gpt_neox-0", "falcon-0", "falcon-newarch-0")
                .flatMap(fixture -> Stream.of(Arguments.of(fixture, StoredType.BF16), Arguments.of(fixture, StoredType.F16)));
    }

    @ParameterizedTest
    @MethodSource("fixturesAndTypes")
    void halfPrecisionFileScoresAsItsFloat32Twin(String fixture, StoredType type) throws IOException {
        Path narrow = convert(Fixtures.folder(fixture), directory.resolve("narrow"), type, type);
        Path wide = convert(Fixtures.folder(fixture), directory.resolve("wide"), type, StoredType.F32);
        int[] ids = Fixtures.ints(Fixtures.reference(fixture).getAsJsonArray("texts").get(1).getAsJsonObject()
                .getAsJsonArray("token_ids"));
        double[] stored = fullThenIncremental(narrow, ids);
        double[] widened = fullThenIncremental(wide, ids);
        for (int i = 0; i < stored.length; i++) {
            assertEquals(widened[i], stored[i], 2e-6, fixture + " " + type + " value " + i);
        }
        assertTrue(stored.length > 4);
    }

    /** The full pass's log-probs followed by the token-by-token (KV cache) ones. */
    private static double[] fullThenIncremental(Path folder, int[] ids) {
        try (CausalLanguageModel model = ModelLoader.load(folder);
             KvCache full = model.newCache();
             KvCache stepwise = model.newCache()) {
            int[] targets = Fixtures.nextTargets(ids);
            double[] all = model.forward(full, ids, Fixtures.positions(ids.length), targets, 0).logProbs();
            double[] result = new double[2 * (ids.length - 1)];
            System.arraycopy(all, 0, result, 0, ids.length - 1);
            for (int i = 0; i + 1 < ids.length; i++) {
                result[ids.length - 1 + i] = model.forward(stepwise, new int[] {ids[i]}, new long[] {i},
                        new int[] {targets[i]}, 0).logProbs()[0];
            }
            return result;
        }
    }

    /**
     * Copies a model folder with every tensor rounded to {@code rounding} and stored as {@code storage}
     * (F32 storage of rounded values is the twin of the narrow file).
     */
    static Path convert(Path source, Path target, StoredType rounding, StoredType storage) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!file.getFileName().toString().endsWith(".safetensors") && Files.isRegularFile(file)) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        SafetensorsWriter writer = new SafetensorsWriter();
        DjlEnvironment.init();
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(source);
             NDManager manager = NDManager.newBaseManager("PyTorch")) {
            for (String name : checkpoint.names()) {
                float[] values = checkpoint.read(name, manager).toFloatArray();
                long[] shape = checkpoint.entry(name).shape();
                ByteBuffer bytes = ByteBuffer.allocate(values.length * storage.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                for (float value : values) {
                    short narrow = rounding == StoredType.BF16 ? toBfloat16(value) : toHalf(value);
                    switch (storage) {
                        case F32 -> bytes.putFloat(rounding == StoredType.BF16
                                ? Float.intBitsToFloat(narrow << 16) : StoredType.halfToFloat(narrow));
                        case F16, BF16 -> bytes.putShort(narrow);
                    }
                }
                writer.raw(name, storage.name(), shape, bytes.array());
            }
        }
        writer.write(target.resolve(SafetensorsCheckpoint.SINGLE_FILE));
        return target;
    }

    /** bfloat16 by truncation: any rounding will do, both files hold the same values. */
    private static short toBfloat16(float value) {
        return (short) (Float.floatToRawIntBits(value) >>> 16);
    }

    /** Half precision of small weights (|w| < 1): normal range by truncation, tiny values to zero. */
    private static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xFF) - 127 + 15;
        if (exponent <= 0) {
            return (short) sign;
        }
        if (exponent >= 31) {
            return (short) (sign | 0x7BFF);
        }
        return (short) (sign | (exponent << 10) | ((bits >>> 13) & 0x3FF));
    }
}
