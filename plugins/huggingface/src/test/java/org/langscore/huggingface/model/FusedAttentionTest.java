package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * libtorch's fused {@code scaled_dot_product_attention}, reached through a TorchScript module written
 * from Java, equals the composed attention (scores, mask, softmax, weighted sum) within 2e-6 absolute on
 * outputs of magnitude about 1 (measured here: at most 2.4e-7; DJL-NOTES measured 7.2e-7 on a causal
 * prefill), for the masks the models use: causal prefill, a chunk after cached keys, one query against a
 * long cache, a band, grouped-query heads, and sequences packed block-diagonally.
 */
class FusedAttentionTest {

    static final double TOLERANCE = 2e-6;

    @TempDir
    Path directory;

    @Test
    void archiveIsStoredZipWithTheFourRecords() throws IOException {
        Path archive = TorchScriptArchive.write(directory, "probe", "Probe", "class Probe(Module):\n  training : bool\n");
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (String record : new String[] {"probe/data.pkl", "probe/constants.pkl", "probe/version",
                    "probe/code/__torch__.py"}) {
                ZipEntry entry = zip.getEntry(record);
                assertTrue(entry != null, "missing " + record);
                assertTrue(entry.getMethod() == ZipEntry.STORED, record + " must be stored, not deflated");
            }
            String version = new String(zip.getInputStream(zip.getEntry("probe/version")).readAllBytes(),
                    StandardCharsets.US_ASCII);
            assertTrue(version.equals(TorchScriptArchive.FILE_FORMAT_VERSION + "\n"), version);
        }
        // PROTO 2, GLOBAL __torch__.Probe, (), NEWOBJ, {}, MARK, "training", False, SETITEMS, BUILD, STOP
        byte[] expected = concat(new byte[] {(byte) 0x80, 2}, "c__torch__\nProbe\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {')', (byte) 0x81, '}', '(', 'X', 8, 0, 0, 0},
                "training".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0x89, 'u', 'b', '.'});
        assertArrayEquals(expected, TorchScriptArchive.moduleObject("Probe"));
        assertTrue(Files.size(archive) > 0);
    }

    @ParameterizedTest(name = "H={0} Hkv={1} past={2} n={3} window={4}")
    @CsvSource({
        "4, 4, 0, 17, 0",       // causal prefill
        "4, 4, 23, 9, 0",       // a chunk after cached keys
        "4, 4, 300, 1, 0",      // one query against a long cache (decode)
        "4, 4, 40, 12, 16",     // a band
        "8, 2, 0, 13, 0",       // grouped-query heads, prefill
        "8, 2, 31, 1, 0",       // grouped-query heads, decode
        "6, 1, 5, 7, 4",        // multi-query with a band
    })
    void fusedEqualsComposed(int heads, int kvHeads, int past, int n, int window) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Random random = new Random(heads * 1000L + past * 10L + n);
            int d = 16;
            NDArray q = gaussian(manager, random, heads, n, d);
            NDArray k = gaussian(manager, random, kvHeads, past + n, d);
            NDArray v = gaussian(manager, random, kvHeads, past + n, d);
            NDArray mask = TensorOps.bandedCausalMask(manager, past, n, window);
            compare(q, k, v, mask, Math.sqrt(d));
        }
    }

    /**
     * With its products in bfloat16 (a bfloat16 run where the CPU has AMX) the fused kernel stays within the
     * rounding of q, k, v and its output to 8 significant bits of the float32 composed attention (scores of
     * size about 1 here, outputs about 1: at most 0.05 absolute), and it is not the float32 kernel.
     */
    @ParameterizedTest(name = "H={0} Hkv={1} past={2} n={3} window={4}")
    @CsvSource({
        "4, 4, 0, 17, 0",
        "4, 4, 23, 9, 0",
        "8, 2, 31, 1, 0",
        "6, 1, 5, 7, 4",
    })
    void bfloat16FusedStaysWithinItsRounding(int heads, int kvHeads, int past, int n, int window) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Random random = new Random(heads * 1000L + past * 10L + n + 1);
            int d = 16;
            NDArray q = gaussian(manager, random, heads, n, d);
            NDArray k = gaussian(manager, random, kvHeads, past + n, d);
            NDArray v = gaussian(manager, random, kvHeads, past + n, d);
            NDArray mask = TensorOps.bandedCausalMask(manager, past, n, window);
            float[] half = ScriptedOps.attention(q, k, v, mask, Math.sqrt(d), true).toFloatArray();
            float[] composed = TensorOps.composedAttention(q, k, v, mask, Math.sqrt(d)).toFloatArray();
            double max = 0;
            for (int i = 0; i < half.length; i++) {
                assertTrue(Float.isFinite(half[i]), "bfloat16 output " + i + " is " + half[i]);
                max = Math.max(max, Math.abs(half[i] - composed[i]));
            }
            assertTrue(max <= 0.05, "bfloat16 fused vs float32 composed attention: max |diff| " + max);
            assertTrue(max > 1e-5, "the bfloat16 kernel gave float32's numbers (max |diff| " + max + ")");
        }
    }

    @Test
    void fusedEqualsComposedOnPackedSequences() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Random random = new Random(7);
            int[] lengths = {5, 1, 9, 3};
            int total = 18;
            NDArray q = gaussian(manager, random, 4, total, 8);
            NDArray k = gaussian(manager, random, 2, total, 8);
            NDArray v = gaussian(manager, random, 2, total, 8);
            // GPT-2's inverse-layer scaling divides by more than sqrt(d)
            compare(q, k, v, TensorOps.packedCausalMask(manager, lengths, 0), Math.sqrt(8) * 3);
        }
    }

    @Test
    void fusedTakesTransposedViews() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Random random = new Random(3);
            // [n, H, d] transposed to [H, n, d], as the families hand it over
            NDArray q = gaussian(manager, random, 11, 4, 8).transpose(1, 0, 2);
            NDArray k = gaussian(manager, random, 11, 4, 8).transpose(1, 0, 2);
            NDArray v = gaussian(manager, random, 11, 4, 8).transpose(1, 0, 2);
            compare(q, k, v, TensorOps.bandedCausalMask(manager, 0, 11, 0), Math.sqrt(8));
        }
    }

    private static void compare(NDArray q, NDArray k, NDArray v, NDArray mask, double divisor) {
        float[] fused = ScriptedOps.attention(q, k, v, mask, divisor).toFloatArray();
        float[] composed = TensorOps.composedAttention(q, k, v, mask, divisor).toFloatArray();
        assertTrue(fused.length == composed.length, "lengths " + fused.length + " vs " + composed.length);
        double max = 0;
        for (int i = 0; i < fused.length; i++) {
            max = Math.max(max, Math.abs(fused[i] - composed[i]));
            assertTrue(Float.isFinite(fused[i]), "fused output " + i + " is " + fused[i]);
        }
        assertTrue(max <= TOLERANCE, "fused vs composed attention: max |diff| " + max + " > " + TOLERANCE);
    }

    private static NDArray gaussian(NDManager manager, Random random, int a, int b, int c) {
        float[] values = new float[a * b * c];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(a, b, c));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
