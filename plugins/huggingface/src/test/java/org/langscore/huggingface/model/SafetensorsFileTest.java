package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void djl() {
        DjlEnvironment.init();
    }

    @Test
    void widensFloat16AndBfloat16ExactlyToFloat32() throws IOException {
        // F16: 1.0, -2.0, 65504 (largest half), 2^-24 (smallest subnormal), 0.333 (0x3555)
        short[] half = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, 0x3555};
        // BF16: the upper 16 bits of the float32 values 1.0, -3.5, 1e-3's truncation
        short[] bf16 = {0x3F80, (short) 0xC060, (short) (Float.floatToIntBits(1e-3f) >>> 16)};
        Path file = new SafetensorsWriter()
                .bits16("half", "F16", new long[] {5}, half)
                .bits16("brain", "BF16", new long[] {3}, bf16)
                .f32("single", new long[] {2, 2}, 1.5f, -0.25f, 3f, 4f)
                .write(dir.resolve("w.safetensors"));
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f, 0.333251953125f}, st.read("half", m).toFloatArray());
            assertArrayEquals(new float[] {1f, -3.5f, Float.intBitsToFloat(Float.floatToIntBits(1e-3f) & 0xFFFF0000)},
                    st.read("brain", m).toFloatArray());
            NDArray single = st.read("single", m);
            assertEquals(2, single.getShape().dimension());
            assertArrayEquals(new float[] {1.5f, -0.25f, 3f, 4f}, single.toFloatArray());
            // The array is PyTorch's own memory: an in-place op must work (over the mapping it would crash).
            single.addi(1f);
            assertArrayEquals(new float[] {2.5f, 0.75f, 4f, 5f}, single.toFloatArray());
        }
    }

    @Test
    void readsLargeTensorsInRowBlocks() throws IOException {
        float[] values = new float[7 * 3];
        short[] halves = new short[7 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = i - 4.5f;
            halves[i] = (short) (0x3C00 + i);   // 1.0 and the next representable halves
        }
        Path file = new SafetensorsWriter()
                .f32("rows", new long[] {7, 3}, values)
                .bits16("half", "F16", new long[] {7, 3}, halves)
                .write(dir.resolve("blocks.safetensors"));
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager m = NDManager.newBaseManager("PyTorch")) {
            // 2 rows of 12 bytes per block: 4 blocks, the last one short
            NDArray rows = st.read("rows", m, 24);
            assertEquals(new ai.djl.ndarray.types.Shape(7, 3), rows.getShape());
            assertArrayEquals(values, rows.toFloatArray());
            float[] expectedHalves = new float[halves.length];
            for (int i = 0; i < halves.length; i++) {
                expectedHalves[i] = 1f + i / 1024f;
            }
            assertArrayEquals(expectedHalves, st.read("half", m, 24).toFloatArray());
        }
    }

    @Test
    void readsDataBeyondTwoGibibytes() throws IOException {
        long begin = (1L << 31) + 12;   // a sparse hole before the tensor: no real disk use
        Path file = new SafetensorsWriter()
                .f32("near", new long[] {1}, 7f)
                .at("far", "F32", new long[] {2}, floatBytes(0.5f, -8f), begin)
                .write(dir.resolve("big.safetensors"));
        assertTrue(Files.size(file) > (1L << 31));
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertArrayEquals(new float[] {7f}, st.read("near", m).toFloatArray());
            assertArrayEquals(new float[] {0.5f, -8f}, st.read("far", m).toFloatArray());
        }
    }

    @Test
    void missingFileIsFileNotFound() {
        ScoringException e = assertThrows(ScoringException.class,
                () -> SafetensorsFile.open(dir.resolve("absent.safetensors")));
        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("absent.safetensors"), e.getMessage());
    }

    @Test
    void fileShorterThanTheLengthFieldIsTruncated() throws IOException {
        Path file = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        assertLoadFailure(file, "tiny.safetensors", "truncated");
    }

    @Test
    void headerLengthBeyondTheFileIsTruncated() throws IOException {
        Path file = new SafetensorsWriter().f32("w", new long[] {1}, 1f).write(dir.resolve("cut.safetensors"));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, 20));
        assertLoadFailure(file, "cut.safetensors", "truncated");
    }

    @Test
    void corruptJsonHeaderIsReported() throws IOException {
        Path file = new SafetensorsWriter().f32("w", new long[] {1}, 1f)
                .write(dir.resolve("json.safetensors"), "{\"w\": {\"dtype\": \"F32\", ");
        assertLoadFailure(file, "json.safetensors", "JSON");
    }

    @Test
    void dataOffsetsPastTheEndNameTheTensor() throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter().f32("layer.weight", new long[] {2}, 1f, 2f);
        String header = writer.header().replace("[0,8]", "[0,4000]");
        Path file = writer.write(dir.resolve("offsets.safetensors"), header);
        ScoringException e = assertLoadFailure(file, "offsets.safetensors", "truncated");
        assertTrue(e.getMessage().contains("layer.weight"), e.getMessage());
    }

    @Test
    void sizeNotMatchingTheShapeNamesTheTensor() throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter().f32("bias", new long[] {2}, 1f, 2f);
        Path file = writer.write(dir.resolve("shape.safetensors"), writer.header().replace("[2]", "[3]"));
        ScoringException e = assertLoadFailure(file, "shape.safetensors", "bias");
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    void unsupportedDtypeIsReportedWhenRead() throws IOException {
        Path file = new SafetensorsWriter().raw("steps", "I64", new long[] {1}, new byte[8])
                .write(dir.resolve("int.safetensors"));
        try (SafetensorsFile st = SafetensorsFile.open(file); NDManager m = NDManager.newBaseManager("PyTorch")) {
            ScoringException e = assertThrows(ScoringException.class, () -> st.read("steps", m));
            assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
            assertTrue(e.getMessage().contains("steps") && e.getMessage().contains("I64"), e.getMessage());
        }
    }

    @Test
    void shardedCheckpointReadsEveryShardAndReportsAMissingOne() throws IOException {
        new SafetensorsWriter().f32("a", new long[] {1}, 1f).write(dir.resolve("model-00001-of-00002.safetensors"));
        new SafetensorsWriter().f32("b", new long[] {1}, 2f).write(dir.resolve("model-00002-of-00002.safetensors"));
        Files.writeString(dir.resolve(SafetensorsCheckpoint.INDEX_FILE), "{\"metadata\": {}, \"weight_map\": {"
                + "\"a\": \"model-00001-of-00002.safetensors\", \"b\": \"model-00002-of-00002.safetensors\"}}");
        try (SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(dir);
             NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertArrayEquals(new float[] {1f}, ckpt.read("a", m).toFloatArray());
            assertArrayEquals(new float[] {2f}, ckpt.read("b", m).toFloatArray());
        }
        Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
        ScoringException e = assertThrows(ScoringException.class, () -> SafetensorsCheckpoint.open(dir));
        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("model-00002-of-00002.safetensors"), e.getMessage());
    }

    @Test
    void folderWithoutCheckpointIsFileNotFound() {
        ScoringException e = assertThrows(ScoringException.class, () -> SafetensorsCheckpoint.open(dir));
        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    private static ScoringException assertLoadFailure(Path file, String fileName, String words) {
        ScoringException e = assertThrows(ScoringException.class, () -> SafetensorsFile.open(file).close());
        assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains(fileName), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
        return e;
    }

    private static byte[] floatBytes(float... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
