package org.langscore.huggingface.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The GEMM floor of a model on this machine: how fast the same libtorch multiplies {@code rows} tokens
 * by each of the model's own weight matrices, in float32 (libtorch's BLAS, and oneDNN from a packed
 * matrix) and in bfloat16. A model run's matrix work
 * divided by its time, over this rate, is the fraction of the machine's matrix speed that it reaches.
 *
 * <p>All kinds go through one TorchScript module (casts and products inside, float32 out): it casts the
 * input and the matrix once (or packs the matrix for oneDNN, as {@code weights=packed} does), then runs
 * the product {@code reps} times (each result feeds a running sum of
 * one element, so that no product can be optimised away); the time of {@code reps} products is that of a
 * call with {@code reps} minus that of a call with none, so the casts are not counted. On a busy machine
 * the best of several trials is taken.
 */
public final class GemmFloor {

    private static final String GEMM_LOOP = """
            class GemmLoop(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.GemmLoop,
                  x: Tensor,
                  w: Tensor,
                  dtype: Tensor,
                  reps: Tensor) -> Tensor:
                t = int(dtype)
                total = torch.zeros([1])
                if t == 0:
                  packed = ops.mkldnn._reorder_linear_weight(torch.contiguous(w))
                  for i in range(int(reps)):
                    out = ops.mkldnn._linear_pointwise(x, packed, None, "none", annotate(List[Optional[number]], []), "")
                    total = torch.add(total, torch.reshape(torch.select(torch.select(out, 0, 0), 0, 0), [1]))
                else:
                  a = torch.to(x, t)
                  b = torch.to(w, t)
                  for i in range(int(reps)):
                    out = torch.linear(a, b)
                    total = torch.add(total, torch.to(torch.reshape(torch.select(torch.select(out, 0, 0), 0, 0), [1]), 6))
                return total
            """;

    /** The dtype codes of serialized TorchScript; 0 (no dtype) stands for float32 with a packed matrix. */
    private static final int FLOAT32 = 6;
    private static final int BFLOAT16 = 15;
    private static final int FLOAT32_PACKED = 0;
    /** Timings per type; the fastest counts (a busy machine only ever slows a timing down). */
    private static final int TRIALS = 5;

    /** One distinct matrix shape of the model and how many of its tensors have it. */
    public record MatrixShape(long rows, long columns, int count) {
    }

    /**
     * The rates measured on one shape, in GFLOP/s.
     *
     * @param shape the shape
     * @param float32 libtorch's own float32 {@code linear} (its BLAS)
     * @param float32Packed float32 by oneDNN from the matrix packed once ({@code weights=packed}); 0 where
     *     this libtorch has no packed products
     * @param bfloat16 bfloat16 operands, float32 accumulation
     */
    public record Rate(MatrixShape shape, double float32, double float32Packed, double bfloat16) {

        /** @return the faster of the two float32 rates: the machine's float32 floor on this shape */
        public double bestFloat32() {
            return Math.max(float32, float32Packed);
        }
    }

    private GemmFloor() {
    }

    /**
     * The distinct shapes of the matrices a forward pass multiplies by: every 2-D tensor but the position
     * tables, and the input embedding only when it is also the output layer (no separate head tensor).
     *
     * @param folder a model folder with {@code model.safetensors} (or a sharded index)
     * @return the shapes, in the checkpoint's order, with their counts
     */
    public static List<MatrixShape> shapesOf(Path folder) {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            boolean separateHead = checkpoint.names().stream().anyMatch(n -> n.contains("lm_head") || n.contains("embed_out"));
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String name : new java.util.TreeSet<>(checkpoint.names())) {
                long[] shape = checkpoint.entry(name).shape();
                boolean position = name.contains("wpe") || name.contains("position");
                boolean inputEmbedding = name.contains("wte") || name.contains("embed_tokens")
                        || name.contains("embed_in") || name.contains("word_embeddings");
                if (shape.length != 2 || position || (inputEmbedding && separateHead)) {
                    continue;
                }
                counts.merge(shape[0] + "x" + shape[1], 1, Integer::sum);
            }
            List<MatrixShape> shapes = new ArrayList<>();
            counts.forEach((key, count) -> {
                String[] parts = key.split("x");
                shapes.add(new MatrixShape(Long.parseLong(parts[0]), Long.parseLong(parts[1]), count));
            });
            return shapes;
        }
    }

    /**
     * Times {@code [tokens, columns] · [rows, columns]ᵀ} for one shape in both types.
     *
     * @param shape the matrix shape
     * @param tokens the rows of the input (a chunk's length)
     * @param reps the products timed per type (at least 1)
     * @param seed the seed of the random values
     * @return the rates
     */
    public static Rate measure(MatrixShape shape, int tokens, int reps, long seed) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = random(manager, tokens, shape.columns(), seed);
            NDArray w = random(manager, shape.rows(), shape.columns(), seed + 1);
            double flop = 2.0 * tokens * shape.rows() * shape.columns();
            boolean packing = PackedProducts.available();
            NDArray[] codes = {manager.create(FLOAT32), manager.create(FLOAT32_PACKED), manager.create(BFLOAT16)};
            NDArray none = manager.create(0);
            NDArray some = manager.create(reps);
            for (int c = 0; c < codes.length; c++) {                 // warm-up: the first calls compile the graph
                if (c != 1 || packing) {
                    call(x, w, codes[c], manager.create(1)).close();
                }
            }
            // Trials of all kinds interleaved, so that a busy machine slows them alike; the fastest counts.
            long[][] best = new long[codes.length][2];
            for (long[] pair : best) {
                java.util.Arrays.fill(pair, Long.MAX_VALUE);
            }
            for (int trial = 0; trial < TRIALS; trial++) {
                for (int c = 0; c < codes.length; c++) {
                    if (c != 1 || packing) {
                        best[c][0] = Math.min(best[c][0], time(x, w, codes[c], none));
                        best[c][1] = Math.min(best[c][1], time(x, w, codes[c], some));
                    }
                }
            }
            double[] rates = new double[codes.length];
            for (int c = 0; c < codes.length; c++) {
                rates[c] = best[c][0] == Long.MAX_VALUE ? 0
                        : flop / (Math.max(1, best[c][1] - best[c][0]) / 1e9 / reps) / 1e9;
            }
            return new Rate(shape, rates[0], rates[1], rates[2]);
        }
    }

    /** The milliseconds of one attention call, fused and composed, measured interleaved (best of the trials). */
    public record AttentionTimes(double fusedMillis, double composedMillis) {
    }

    /**
     * Times {@link TensorOps#attention}'s two paths on one shape: {@code n} new tokens after
     * {@code keys - n} cached ones, causal mask, interleaved trials.
     *
     * @param heads query heads H
     * @param kvHeads key/value heads
     * @param n new tokens
     * @param keys keys L (cached plus new)
     * @param headDim d
     * @param trials timings of each path
     * @return the best time of each
     */
    public static AttentionTimes attention(int heads, int kvHeads, int n, int keys, int headDim, int trials) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray q = random(manager, heads, (long) n * headDim, 1).reshape(heads, n, headDim);
            NDArray k = random(manager, kvHeads, (long) keys * headDim, 2).reshape(kvHeads, keys, headDim);
            NDArray v = random(manager, kvHeads, (long) keys * headDim, 3).reshape(kvHeads, keys, headDim);
            NDArray mask = TensorOps.bandedCausalMask(manager, keys - n, n, 0);
            double divisor = Math.sqrt(headDim);
            long fused = Long.MAX_VALUE;
            long composed = Long.MAX_VALUE;
            for (int trial = 0; trial <= trials; trial++) {        // trial 0 warms both up
                long start = System.nanoTime();
                try (NDManager call = manager.newSubManager()) {
                    q.tempAttach(call);
                    ScriptedOps.attention(q, k, v, mask, divisor).toFloatArray();
                }
                long middle = System.nanoTime();
                try (NDManager call = manager.newSubManager()) {
                    q.tempAttach(call);
                    TensorOps.composedAttention(q, k, v, mask, divisor).toFloatArray();
                }
                long end = System.nanoTime();
                if (trial > 0) {
                    fused = Math.min(fused, middle - start);
                    composed = Math.min(composed, end - middle);
                }
            }
            return new AttentionTimes(fused / 1e6, composed / 1e6);
        }
    }

    private static long time(NDArray x, NDArray w, NDArray code, NDArray reps) {
        long start = System.nanoTime();
        call(x, w, code, reps).close();
        return System.nanoTime() - start;
    }

    private static NDArray call(NDArray x, NDArray w, NDArray code, NDArray reps) {
        return Loop.MODULE.forward(new NDList(x, w, code, reps)).singletonOrThrow();
    }

    private static NDArray random(NDManager manager, long rows, long columns, long seed) {
        Random random = new Random(seed);
        float[] values = new float[Math.toIntExact(rows * columns)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.02);
        }
        return manager.create(values, new Shape(rows, columns));
    }

    /** Loaded on first use, once per JVM. */
    private static final class Loop {
        static final TorchScriptModule MODULE = TorchScriptModule.load("gemm_loop", "GemmLoop", GEMM_LOOP);
    }
}
