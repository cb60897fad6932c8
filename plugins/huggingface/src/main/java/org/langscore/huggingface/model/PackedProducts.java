package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;

import org.langscore.spi.ScoringException;

/**
 * Weight products by oneDNN from matrices reordered once into its blocked layout: float32, and bfloat16
 * from matrices rounded once (see {@link #PACK_BFLOAT16}), each with an optional fused {@link Epilogue}.
 *
 * <p>libtorch multiplies a float32 {@code linear} with its BLAS (MKL), which on CPUs it does not tune for
 * (AMD's) takes an AVX2 path: 150-190 GFLOP/s on two cores here, against 350-430 GFLOP/s for oneDNN's
 * AVX-512 kernels on the same products once the weight is in oneDNN's own layout (BENCHMARKS.md,
 * {@code langscore gemm-floor}). Reordering a matrix costs a copy, so it is done once per matrix and the
 * copy kept for the model's lifetime: float32 numbers (no reduced precision anywhere), only the order of
 * the summation differs from BLAS's, and the copy costs 4 bytes per weight of resident memory. The ops
 * are libtorch's own ({@code mkldnn::_reorder_linear_weight}, {@code mkldnn::_linear_pointwise}), called
 * through TorchScript (DJL's API has neither); the packed matrix never reaches DJL as an array. Stored
 * weights (not kept) are reordered at each product when the product is large enough to pay for it.
 */
public final class PackedProducts {

    /** A float32 {@code [out, in]} matrix (a view is fine) reordered for oneDNN's products. */
    private static final String PACK = """
            class PackFloat32(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.PackFloat32,
                  w: Tensor) -> Tensor:
                return ops.mkldnn._reorder_linear_weight(torch.contiguous(w))
            """;

    /**
     * {@code x · Wᵀ + b} with W from {@link #PACK} (float32) or {@link #PACK_BFLOAT16} ({@code half} set), then
     * the {@link Epilogue} numbered {@code op} as a oneDNN post-op ({@code other}: what {@link Epilogue#TIMES}
     * multiplies by or {@link Epilogue#PLUS} adds). An empty {@code b} means no bias. float32 in and out
     * (DJL cannot hold bfloat16 arrays): with {@code half} set, x (and {@code other}) are rounded to bfloat16,
     * the products accumulate in float32, the bias and the post-op are applied before the output is rounded
     * to bfloat16, and it is widened; a residual ({@code op} 6) is then added in float32, and with a gate
     * ({@code op} 5) the bias is rounded to bfloat16 too (oneDNN's binary post-op takes a bias of the
     * input's type only).
     */
    private static final String PACKED_LINEAR = """
            class PackedLinear(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.PackedLinear,
                  x: Tensor,
                  w: Tensor,
                  b: Tensor,
                  op: Tensor,
                  other: Tensor,
                  half: Tensor) -> Tensor:
                bias = annotate(Optional[Tensor], None)
                if torch.numel(b) > 0:
                  bias = b
                none = annotate(List[Optional[number]], [])
                kind = int(op)
                reduced = bool(half)
                if reduced:
                  x = torch.to(x, 15)
                if kind == 5:
                  if reduced:
                    other = torch.to(other, 15)
                    if torch.numel(b) > 0:
                      bias = torch.to(b, 15)
                  y = ops.mkldnn._linear_pointwise(x, other, w, bias, "mul")
                elif kind == 6 and not reduced:
                  y = ops.mkldnn._linear_pointwise(x, other, w, bias, "add")
                elif kind == 1:
                  y = ops.mkldnn._linear_pointwise(x, w, bias, "gelu", none, "tanh")
                elif kind == 2:
                  y = ops.mkldnn._linear_pointwise(x, w, bias, "gelu", none, "none")
                elif kind == 3:
                  y = ops.mkldnn._linear_pointwise(x, w, bias, "swish", none, "")
                elif kind == 4:
                  y = ops.mkldnn._linear_pointwise(x, w, bias, "relu", none, "")
                else:
                  y = ops.mkldnn._linear_pointwise(x, w, bias, "none", none, "")
                if reduced:
                  y = torch.to(y, 6)
                  if kind == 6:
                    y = torch.add(other, y)
                return y
            """;

    /** A float32 {@code [out, in]} matrix (a view is fine) rounded to bfloat16 and reordered for oneDNN. */
    private static final String PACK_BFLOAT16 = """
            class PackBfloat16(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.PackBfloat16,
                  w: Tensor) -> Tensor:
                return ops.mkldnn._reorder_linear_weight(torch.contiguous(torch.to(w, 15)))
            """;

    /**
     * {@link #PACK} then {@link #PACKED_LINEAR} in one call, the packed copy dropped after the product: for
     * stored weights, which are not kept. The reordering is a pass over the matrix, which pays for itself
     * from about 384 tokens a call ({@link #REORDER_MIN_TOKENS}). The matrix is reordered and multiplied
     * in blocks of {@code block} rows, so that each packed block is small enough for glibc to hand the
     * same heap memory to the next one ({@link #BLOCK_BYTES}); the blocks' outputs are joined.
     */
    private static final String REORDERED_LINEAR = """
            class ReorderedLinear(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.ReorderedLinear,
                  x: Tensor,
                  w: Tensor,
                  b: Tensor,
                  block: Tensor) -> Tensor:
                rows = w.size(0)
                step = int(block)
                parts = annotate(List[Tensor], [])
                for first in range(0, rows, step):
                  count = min(step, rows - first)
                  packed = ops.mkldnn._reorder_linear_weight(torch.contiguous(torch.narrow(w, 0, first, count)))
                  if torch.numel(b) > 0:
                    y = ops.mkldnn._linear_pointwise(x, packed, torch.narrow(b, 0, first, count), "none",
                        annotate(List[Optional[number]], []), "")
                  else:
                    y = ops.mkldnn._linear_pointwise(x, packed, None, "none", annotate(List[Optional[number]], []), "")
                  parts.append(y)
                if len(parts) == 1:
                  return parts[0]
                return torch.cat(parts, -1)
            """;

    /**
     * The largest block of a stored matrix reordered at once: below glibc's mmap threshold as the launcher
     * sets it (32 MiB), so blocks come from the heap and reuse its memory instead of fresh pages that the
     * kernel must fault in and zero at every product (Mistral-7B's 235 MB matrices did that 24 times a sweep).
     */
    static final long BLOCK_BYTES = 16L << 20;

    /**
     * The fewest tokens in one product for which reordering a stored matrix at every product is faster than
     * BLAS. Measured on Mistral-7B's shapes, float32 GFLOP/s of BLAS against reorder-and-multiply: 135-167
     * against 240-343 at 512 tokens, 130-170 against 165-281 at 256, 77-125 against 84-101 at 128.
     */
    static final long REORDER_MIN_TOKENS = 384;

    private PackedProducts() {
    }

    /** Loaded on first use, once per JVM. */
    private static final class Modules {
        static final TorchScriptModule PACK_MODULE = TorchScriptModule.load("pack_float32", "PackFloat32", PACK);
        static final TorchScriptModule LINEAR = TorchScriptModule.load("packed_linear", "PackedLinear", PACKED_LINEAR);
        static final TorchScriptModule PACK_BFLOAT16_MODULE =
                TorchScriptModule.load("pack_bfloat16", "PackBfloat16", PACK_BFLOAT16);
        static final TorchScriptModule REORDERED =
                TorchScriptModule.load("reordered_linear", "ReorderedLinear", REORDERED_LINEAR);
    }

    /** Whether this libtorch has oneDNN's packed products; probed once. */
    private static final class Probe {
        static final boolean AVAILABLE = probe();

        private static boolean probe() {
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                NDArray w = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new ai.djl.ndarray.types.Shape(2, 3));
                NDArray x = manager.create(new float[] {1, 0, -1}, new ai.djl.ndarray.types.Shape(1, 3));
                try (IValue packed = pack(w)) {
                    float[] y = linear(x, packed, null).toFloatArray();
                    return y.length == 2 && y[0] == -2f && y[1] == -2f;
                }
            } catch (ScoringException | ai.djl.engine.EngineException | UnsatisfiedLinkError e) {
                return false;
            }
        }
    }

    /** Whether this libtorch and CPU run bfloat16 products from packed matrices; probed once. */
    private static final class Bfloat16Probe {
        static final boolean AVAILABLE = probe();

        private static boolean probe() {
            if (!Probe.AVAILABLE) {
                return false;
            }
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                NDArray w = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new ai.djl.ndarray.types.Shape(2, 3));
                NDArray x = manager.create(new float[] {1, 0, -1}, new ai.djl.ndarray.types.Shape(1, 3));
                try (IValue packed = packBfloat16(w)) {
                    float[] y = bfloat16Linear(x, packed, null, Epilogue.NONE, null).toFloatArray();
                    return y.length == 2 && y[0] == -2f && y[1] == -2f;
                }
            } catch (ScoringException | ai.djl.engine.EngineException | UnsatisfiedLinkError e) {
                return false;
            }
        }
    }

    /**
     * @return whether bfloat16 products can use packed matrices (oneDNN has bfloat16 kernels for this CPU);
     *     false leaves libtorch's own bfloat16 {@code linear} on a plain bfloat16 copy
     */
    static boolean bfloat16Available() {
        return Bfloat16Probe.AVAILABLE;
    }

    /** @return whether this libtorch can run packed products (oneDNN built in); false leaves BLAS products */
    public static boolean available() {
        return Probe.AVAILABLE;
    }

    /**
     * Reorders a matrix into oneDNN's layout: a copy that only libtorch sees.
     *
     * @param weight {@code [out, in]} float32 (a transposed view is fine)
     * @return the packed copy; the caller closes it
     */
    static IValue pack(NDArray weight) {
        try (IValue input = IValue.from((PtNDArray) weight)) {
            return Modules.PACK_MODULE.forward(input);
        }
    }

    /**
     * {@code x · Wᵀ + b} in float32 with W reordered for this product alone (see {@link #REORDER_MIN_TOKENS}).
     *
     * @param x {@code [n, in]}, float32
     * @param weight {@code [out, in]} float32 (a view is fine)
     * @param bias {@code [out]} float32, or null
     * @return {@code [n, out]}, float32, in the manager of {@code x}
     */
    static NDArray reorderedLinear(NDArray x, NDArray weight, NDArray bias) {
        return reorderedLinear(x, weight, bias, BLOCK_BYTES);
    }

    /** {@link #reorderedLinear(NDArray, NDArray, NDArray)} in blocks of at most {@code blockBytes} of W. */
    static NDArray reorderedLinear(NDArray x, NDArray weight, NDArray bias, long blockBytes) {
        NDManager manager = x.getManager();
        long block = Math.max(1, Math.min(weight.getShape().get(0), blockBytes / (4 * weight.getShape().get(1))));
        try (NDManager scratch = manager.newSubManager()) {
            NDArray b = bias != null ? bias : scratch.create(new float[0]);
            NDArray y = Modules.REORDERED.forward(new ai.djl.ndarray.NDList(x, weight, b, scratch.create(block)))
                    .singletonOrThrow();
            y.attach(manager);
            return y;
        }
    }

    /**
     * {@code x · Wᵀ + b} in float32 with a packed W.
     *
     * @param x {@code [n, in]}, float32
     * @param weight {@code [out, in]}, packed by {@link #pack}
     * @param bias {@code [out]} float32, or null
     * @return {@code [n, out]}, float32, in the manager of {@code x}
     */
    static NDArray linear(NDArray x, IValue weight, NDArray bias) {
        return linear(x, weight, bias, Epilogue.NONE, null);
    }

    /**
     * {@link #linear(NDArray, IValue, NDArray)} with an epilogue fused into the product.
     *
     * @param x {@code [n, in]}, float32
     * @param weight {@code [out, in]}, packed by {@link #pack}
     * @param bias {@code [out]} float32, or null
     * @param epilogue what happens to the output inside the product
     * @param other {@code [n, out]} float32 for {@link Epilogue#TIMES} and {@link Epilogue#PLUS}, else null
     * @return {@code [n, out]}, float32, in the manager of {@code x}
     */
    static NDArray linear(NDArray x, IValue weight, NDArray bias, Epilogue epilogue, NDArray other) {
        return run(x, weight, bias, epilogue, other, false);
    }

    /**
     * Rounds a matrix to bfloat16 and reorders it into oneDNN's layout: a copy that only libtorch sees.
     *
     * @param weight {@code [out, in]} float32 (a transposed view is fine)
     * @return the packed copy (2 bytes per weight); the caller closes it
     */
    static IValue packBfloat16(NDArray weight) {
        try (IValue input = IValue.from((PtNDArray) weight)) {
            return Modules.PACK_BFLOAT16_MODULE.forward(input);
        }
    }

    /**
     * {@code x · Wᵀ + b} and the epilogue with bfloat16 operands (see {@link #PACKED_LINEAR}).
     *
     * @param x {@code [n, in]}, float32
     * @param weight {@code [out, in]}, packed by {@link #packBfloat16}
     * @param bias {@code [out]} float32, or null
     * @param epilogue what happens to the output inside the product
     * @param other {@code [n, out]} float32 for {@link Epilogue#TIMES} and {@link Epilogue#PLUS}, else null
     * @return {@code [n, out]}, float32, in the manager of {@code x}
     */
    static NDArray bfloat16Linear(NDArray x, IValue weight, NDArray bias, Epilogue epilogue, NDArray other) {
        return run(x, weight, bias, epilogue, other, true);
    }

    private static NDArray run(NDArray x, IValue weight, NDArray bias, Epilogue epilogue, NDArray other,
                               boolean bfloat16) {
        if (epilogue.takesOther() != (other != null)) {
            throw new IllegalArgumentException("a second array goes with Epilogue.TIMES and PLUS alone, got "
                    + epilogue + (other == null ? " without one" : " with one"));
        }
        PtNDManager manager = (PtNDManager) x.getManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray empty = scratch.create(new float[0]);
            NDArray b = bias != null ? bias : empty;
            NDArray times = other != null ? other : empty;
            NDArray op = scratch.create((long) epilogue.code());
            NDArray half = scratch.create(bfloat16);
            try (IValue input = IValue.from((PtNDArray) x); IValue biasValue = IValue.from((PtNDArray) b);
                 IValue opValue = IValue.from((PtNDArray) op); IValue otherValue = IValue.from((PtNDArray) times);
                 IValue halfValue = IValue.from((PtNDArray) half);
                 IValue output = Modules.LINEAR.forward(input, weight, biasValue, opValue, otherValue, halfValue)) {
                return output.toTensor(manager);
            }
        }
    }
}
