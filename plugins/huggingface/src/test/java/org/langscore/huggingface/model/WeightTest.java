package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A weight in its stored precision: resident or widened on use, whole or in blocks, always the same floats. */
class WeightTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void djl() {
        DjlEnvironment.init();
    }

    /** 7 x 3 values exactly representable in BF16 and F16 (small integers and halves). */
    private static float[] values() {
        float[] values = new float[7 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i - 10) * 0.5f;
        }
        return values;
    }

    private Path file() throws IOException {
        float[] values = values();
        short[] bf16 = new short[values.length];
        short[] f16 = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            bf16[i] = (short) (Float.floatToRawIntBits(values[i]) >>> 16);
            f16[i] = RandomModelHalf.toHalf(values[i]);
        }
        return new SafetensorsWriter()
                .f32("f32", new long[] {7, 3}, values)
                .bits16("bf16", "BF16", new long[] {7, 3}, bf16)
                .bits16("f16", "F16", new long[] {7, 3}, f16)
                .bits16("gain", "BF16", new long[] {3}, bf16[0], bf16[1], bf16[2])
                .write(dir.resolve("w.safetensors"));
    }

    private static Weight weight(SafetensorsFile file, String name, long blockBytes, NDManager weights,
                                 WideningArena arena) {
        SafetensorsFile.MappedTensor mapped = file.map(name, blockBytes);
        return Weight.of(name, StoredType.of(mapped.dtype(), name, file.file()), mapped.shape(), mapped.pages(),
                mapped.rowsPerBlock(), weights, arena);
    }

    @Test
    void everyStoredFormAndBlockingGivesTheSameFloats() throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(file());
             NDManager weights = NDManager.newBaseManager("PyTorch");
             NDManager scope = weights.newSubManager()) {
            // blocks of 2 rows (the last one short), arena slots of 2 rows: every piece boundary is crossed
            for (long blockBytes : new long[] {1L << 30, 12, 6}) {
                for (String name : new String[] {"f32", "bf16", "f16"}) {
                    WideningArena arena = new WideningArena(24);
                    Weight weight = weight(file, name, blockBytes, weights, arena);
                    NDArray used = weight.in(scope);
                    assertEquals(new Shape(7, 3), used.getShape());
                    assertArrayEquals(values(), used.toFloatArray(), name + " in blocks of " + blockBytes);
                    assertArrayEquals(new float[] {-2f, -1.5f, -1f, 4f, 4.5f, 5f},
                            weight.rows(scope, scope.create(new long[] {2, 6})).toFloatArray(), name + " rows");
                    float[] transposed = weight.transposed().in(scope).toFloatArray();
                    assertEquals(values()[3], transposed[1], name + " transposed [0][1] is [1][0]");
                }
            }
        }
    }

    @Test
    void theOutputLayerInPiecesEqualsTheWholeProduct() throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(file());
             NDManager weights = NDManager.newBaseManager("PyTorch");
             NDManager scope = weights.newSubManager()) {
            NDArray x = scope.create(new float[] {1f, -2f, 0.5f, 3f, 0f, -1f}, new Shape(2, 3));   // [n, in]
            for (ProductPrecision precision : ProductPrecision.values()) {
                for (String name : new String[] {"f32", "bf16", "f16"}) {
                    WideningArena arena = new WideningArena();
                    Weight weight = weight(file, name, 1L << 30, weights, arena);
                    TensorOps.PRODUCTS.set(precision);
                    try {
                        float[] whole = TensorOps.linear(x, weight, null).toFloatArray();                  // [n, 7]
                        arena.reset();
                        // pieces of 2 rows: 4 pieces, the last one short, joined along the outputs
                        ai.djl.ndarray.NDList pieces = new ai.djl.ndarray.NDList();
                        for (long first = 0; first < 7; first += 2) {
                            pieces.add(weight.linearRows(x, null, first, Math.min(2, 7 - first)));         // [n, 2]
                        }
                        NDArray joined = ai.djl.ndarray.NDArrays.concat(pieces, 1);
                        assertEquals(new Shape(2, 7), joined.getShape());
                        assertArrayEquals(whole, joined.toFloatArray(), name + " " + precision);
                    } finally {
                        TensorOps.PRODUCTS.remove();
                        arena.closeKept();
                    }
                }
            }
        }
    }

    @Test
    void float32IsUsedInPlaceAndHalvesWaitForUse() throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(file());
             NDManager weights = NDManager.newBaseManager("PyTorch");
             NDManager scope = weights.newSubManager()) {
            WideningArena arena = new WideningArena();
            Weight f32 = weight(file, "f32", 1L << 30, weights, arena);
            Weight bf16 = weight(file, "bf16", 1L << 30, weights, arena);
            Weight gain = weight(file, "gain", 1L << 30, weights, arena);
            assertTrue(f32.inPlace(), "an F32 matrix of one block is the mapping itself");
            assertFalse(f32.resident());
            assertEquals(7 * 3 * 4, f32.storedBytes());
            assertFalse(bf16.inPlace());
            assertFalse(bf16.resident());
            assertEquals(7 * 3 * 2, bf16.storedBytes());
            assertTrue(gain.resident(), "a vector is widened once");
            assertEquals(0, arena.capacity());
            assertArrayEquals(values(), f32.in(scope).toFloatArray());
            assertEquals(0, arena.capacity(), "used in place: nothing widened");
            bf16.in(scope);
            assertEquals(7 * 3 * 4, arena.capacity(), "widened into the arena at use");
            arena.reset();
            bf16.in(scope);
            assertEquals(7 * 3 * 4, arena.capacity(), "the next layer reuses the slot");
        }
    }

    @Test
    void aResetUnmapsTheLayersWeightsAndTheNextUseMapsThemAgain() throws IOException {
        assertTrue(TensorPages.unmapsAtOnce(), "this JDK unmaps at once");
        try (SafetensorsFile file = SafetensorsFile.open(file());
             NDManager weights = NDManager.newBaseManager("PyTorch")) {
            WideningArena arena = new WideningArena();
            for (String name : new String[] {"f32", "bf16"}) {
                SafetensorsFile.MappedTensor mapped = file.map(name, 1L << 30);
                Weight weight = Weight.of(name, StoredType.of(mapped.dtype(), name, file.file()), mapped.shape(),
                        mapped.pages(), mapped.rowsPerBlock(), weights, arena);
                assertFalse(mapped.pages().isMapped(), name + ": nothing is mapped before use");
                float[] first;
                try (NDManager layer = weights.newSubManager()) {
                    first = weight.in(layer).toFloatArray();
                    assertTrue(mapped.pages().isMapped(), name + ": mapped while the layer uses it");
                }
                arena.reset();
                assertFalse(mapped.pages().isMapped(), name + ": unmapped when the layer is done");
                try (NDManager layer = weights.newSubManager()) {
                    assertArrayEquals(first, weight.in(layer).toFloatArray(), name + ": the same values mapped again");
                }
                arena.reset();
            }
            SafetensorsFile.MappedTensor gain = file.map("gain", 1L << 30);
            Weight.of("gain", StoredType.BF16, gain.shape(), gain.pages(), gain.rowsPerBlock(), weights, arena);
            assertFalse(gain.pages().isMapped(), "a vector widened at load keeps no mapping");
        }
    }
}
