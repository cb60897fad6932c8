package org.langscore.huggingface.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;

/**
 * The libtorch ops that DJL's API lacks, as hand-written TorchScript modules loaded once per JVM
 * (on first use): fused scaled dot-product attention and bfloat16 products.
 */
final class ScriptedOps {

    /**
     * {@code torch.scaled_dot_product_attention} with grouped-query heads and an explicit additive mask.
     * Query heads sharing a KV head form one batch row ({@code [Hkv, r, n, d]}), against that KV head's keys
     * and values expanded over the group without a copy (stride 0), under one {@code [n, L]} mask
     * broadcast to every head: nothing is copied per query head. (Stacking a group's queries along the
     * query axis instead needs the mask repeated {@code r} times: a 42 MB copy per layer for TinyLlama's
     * 8 query heads per KV head, 12% slower.) The mask is always explicit: with one query,
     * {@code is_causal=True} would align the causal mask top-left. With {@code half} set, queries, keys,
     * values and the mask are rounded to bfloat16 for the kernel (its softmax runs in float32) and the
     * output is widened back to float32.
     */
    private static final String FUSED_ATTENTION = """
            class FusedAttention(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.FusedAttention,
                  q: Tensor,
                  k: Tensor,
                  v: Tensor,
                  mask: Tensor,
                  scale: Tensor,
                  half: Tensor) -> Tensor:
                if bool(half):
                  q = torch.to(q, 15)
                  k = torch.to(k, 15)
                  v = torch.to(v, 15)
                  mask = torch.to(mask, 15)
                heads = q.size(0)
                n = q.size(1)
                d = q.size(2)
                kv_heads = k.size(0)
                keys = k.size(1)
                group = heads // kv_heads
                grouped = torch.reshape(q, [kv_heads, group, n, d])
                shared_k = torch.expand(torch.unsqueeze(k, 1), [kv_heads, group, keys, d])
                shared_v = torch.expand(torch.unsqueeze(v, 1), [kv_heads, group, keys, d])
                out = torch.scaled_dot_product_attention(grouped, shared_k, shared_v,
                    torch.reshape(mask, [1, 1, n, keys]), 0., False, scale=float(scale))
                out = torch.transpose(torch.reshape(out, [heads, n, d]), 0, 1)
                return torch.to(torch.reshape(out, [n, heads * d]), 6)
            """;

    /** {@code nn.Linear} with bfloat16 operands: float32 in, cast inside, float32 out (DJL cannot hold BF16). */
    private static final String BF16_LINEAR = """
            class Bf16Linear(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.Bf16Linear,
                  x: Tensor,
                  w: Tensor) -> Tensor:
                return torch.to(torch.linear(torch.to(x, 15), torch.to(w, 15)), 6)
            """;

    /** {@link #BF16_LINEAR} plus a float32 bias, added after the product is widened back. */
    private static final String BF16_LINEAR_BIAS = """
            class Bf16LinearBias(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.Bf16LinearBias,
                  x: Tensor,
                  w: Tensor,
                  b: Tensor) -> Tensor:
                return torch.add(torch.to(torch.linear(torch.to(x, 15), torch.to(w, 15)), 6), b)
            """;

    /** A float32 matrix rounded to a contiguous bfloat16 copy (kept by the caller as a TorchScript value). */
    private static final String TO_BFLOAT16 = """
            class ToBfloat16(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.ToBfloat16,
                  w: Tensor) -> Tensor:
                return torch.contiguous(torch.to(w, 15))
            """;

    /**
     * A product with a bfloat16 weight made by {@link #TO_BFLOAT16}: float32 x in, float32 out; an empty
     * {@code b} means no bias.
     */
    private static final String BF16_WEIGHT_LINEAR = """
            class Bf16WeightLinear(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.Bf16WeightLinear,
                  x: Tensor,
                  w: Tensor,
                  b: Tensor) -> Tensor:
                y = torch.to(torch.linear(torch.to(x, 15), w), 6)
                if torch.numel(b) > 0:
                  y = torch.add(y, b)
                return y
            """;

    /**
     * The MLP activations as single libtorch kernels: {@code kind} 0 is GELU's tanh approximation
     * ({@code gelu_new}: one pass instead of eight element-wise ops, each a full-size temporary), 1 is SiLU.
     */
    private static final String ACTIVATION = """
            class Activation(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.Activation,
                  x: Tensor,
                  kind: Tensor) -> Tensor:
                if int(kind) == 0:
                  y = torch.gelu(x, approximate="tanh")
                else:
                  y = torch.silu(x)
                return y
            """;

    /**
     * The scores of a forward call from its logits: each target's log-probability as
     * {@code logit[target] - logsumexp(logits)} (the log-softmax entry, without writing the whole
     * {@code [n, V]} log-softmax), and the argmax. float32 throughout.
     */
    private static final String PICK = """
            class Pick(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.Pick,
                  logits: Tensor,
                  targets: Tensor) -> Tuple[Tensor, Tensor]:
                normaliser = torch.logsumexp(logits, [1], True)
                picked = torch.sub(torch.gather(logits, 1, targets), normaliser)
                return (torch.reshape(picked, [-1]), torch.argmax(logits, 1))
            """;

    /**
     * A piece of the vocabulary's scores: each row's log-sum-exp over the piece, its largest logit and where
     * (the piece-local argmax, the first of equal maxima), and the logit at each (piece-local) target index.
     * The caller folds the pieces' log-sum-exps into one, so that no {@code [n, V]} array is ever written.
     * ({@code logsumexp} and {@code max} with indices read the logits three times; the largest logit,
     * {@code exp(logit - largest)} and its sum, then the argmax took six passes and two temporaries:
     * 5.6 ms against 2.6 ms for [512, 4096].)
     */
    private static final String PICK_PIECE = """
            class PickPiece(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.PickPiece,
                  logits: Tensor,
                  targets: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor]:
                normaliser = torch.logsumexp(logits, [1])
                largest, best = torch.max(logits, 1)
                picked = torch.gather(logits, 1, targets)
                return (normaliser, largest, torch.reshape(picked, [-1]), best)
            """;

    /** {@link #BF16_WEIGHT_LINEAR} over rows {@code [first, first + count)} of the kept bfloat16 matrix. */
    private static final String BF16_WEIGHT_LINEAR_ROWS = """
            class Bf16WeightLinearRows(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.Bf16WeightLinearRows,
                  x: Tensor,
                  w: Tensor,
                  b: Tensor,
                  first: Tensor,
                  count: Tensor) -> Tensor:
                rows = torch.narrow(w, 0, int(first), int(count))
                y = torch.to(torch.linear(torch.to(x, 15), rows), 6)
                if torch.numel(b) > 0:
                  y = torch.add(y, b)
                return y
            """;

    private ScriptedOps() {
    }

    /** Loaded on first use, once per JVM. */
    private static final class PickPieces {
        static final TorchScriptModule MODULE = TorchScriptModule.load("pick_piece", "PickPiece", PICK_PIECE);
    }

    /**
     * @param logits {@code [n, c]} float32, one piece of the vocabulary
     * @param targets {@code [n, 1]} int64, each in {@code [0, c)} (targets outside the piece clamped into it)
     * @return each row's log-sum-exp over the piece {@code [n]}, its largest logit {@code [n]}, the logit at
     *     each target {@code [n]} (float32) and each row's argmax in the piece {@code [n]} (int64)
     */
    static NDList pickPiece(NDArray logits, NDArray targets) {
        return PickPieces.MODULE.forward(new NDList(logits, targets));
    }

    /** Loaded on first use, once per JVM. */
    private static final class Picks {
        static final TorchScriptModule MODULE = TorchScriptModule.load("pick", "Pick", PICK);
    }

    /**
     * @param logits {@code [n, V]} float32
     * @param targets {@code [n, 1]} int64, each in {@code [0, V)}
     * @return the targets' log-probabilities {@code [n]} (float32) and the argmax of each row {@code [n]} (int64)
     */
    static NDList pick(NDArray logits, NDArray targets) {
        return Picks.MODULE.forward(new NDList(logits, targets));
    }

    /** Loaded on first use, once per JVM. */
    private static final class Activations {
        static final TorchScriptModule MODULE = TorchScriptModule.load("activation", "Activation", ACTIVATION);
    }

    /** @return {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, in the manager of {@code x} */
    static NDArray geluTanh(NDArray x) {
        return Activations.MODULE.forward(new NDList(x, x.getManager().create(0))).singletonOrThrow();
    }

    /** @return {@code x * sigmoid(x)}, in the manager of {@code x} */
    static NDArray silu(NDArray x) {
        return Activations.MODULE.forward(new NDList(x, x.getManager().create(1))).singletonOrThrow();
    }

    /** Loaded on first use, once per JVM. */
    private static final class Bf16 {
        static final TorchScriptModule WEIGHT_LINEAR_ROWS =
                TorchScriptModule.load("bf16_weight_linear_rows", "Bf16WeightLinearRows", BF16_WEIGHT_LINEAR_ROWS);
        static final TorchScriptModule LINEAR = TorchScriptModule.load("bf16_linear", "Bf16Linear", BF16_LINEAR);
        static final TorchScriptModule LINEAR_BIAS =
                TorchScriptModule.load("bf16_linear_bias", "Bf16LinearBias", BF16_LINEAR_BIAS);
        static final TorchScriptModule TO_BFLOAT16_COPY = TorchScriptModule.load("to_bfloat16", "ToBfloat16", TO_BFLOAT16);
        static final TorchScriptModule WEIGHT_LINEAR =
                TorchScriptModule.load("bf16_weight_linear", "Bf16WeightLinear", BF16_WEIGHT_LINEAR);
    }

    /**
     * Rounds a float32 matrix to a contiguous bfloat16 copy that only libtorch sees.
     *
     * @param weight {@code [out, in]} float32 (a view is fine)
     * @return the copy; the caller closes it
     */
    static IValue bfloat16Copy(NDArray weight) {
        try (IValue input = IValue.from((PtNDArray) weight)) {
            return Bf16.TO_BFLOAT16_COPY.forward(input);
        }
    }

    /**
     * {@code x · Wᵀ + b} with a bfloat16 W from {@link #bfloat16Copy} and x rounded to bfloat16; the result
     * leaves the product as bfloat16, is widened, and the bias is added in float32.
     *
     * @param x {@code [n, in]}, float32
     * @param weight {@code [out, in]} bfloat16
     * @param bias {@code [out]} float32, or null
     * @return {@code [n, out]}, float32, in the manager of {@code x}
     */
    static NDArray bfloat16Linear(NDArray x, IValue weight, NDArray bias) {
        PtNDManager manager = (PtNDManager) x.getManager();
        NDArray b = bias != null ? bias : manager.create(new float[0]);
        try (IValue input = IValue.from((PtNDArray) x); IValue biasValue = IValue.from((PtNDArray) b);
             IValue output = Bf16.WEIGHT_LINEAR.forward(input, weight, biasValue)) {
            return output.toTensor(manager);
        }
    }

    /**
     * {@link #bfloat16Linear(NDArray, IValue, NDArray)} over rows {@code [first, first + count)} of W (a piece
     * of the output layer).
     *
     * @param x {@code [n, in]}, float32
     * @param weight {@code [out, in]} bfloat16
     * @param bias {@code [count]} float32 (already the piece's), or null
     * @param first the first row of W
     * @param count how many rows
     * @return {@code [n, count]}, float32, in the manager of {@code x}
     */
    static NDArray bfloat16LinearRows(NDArray x, IValue weight, NDArray bias, long first, long count) {
        PtNDManager manager = (PtNDManager) x.getManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray b = bias != null ? bias : scratch.create(new float[0]);
            NDArray from = scratch.create(first);
            NDArray rows = scratch.create(count);
            try (IValue input = IValue.from((PtNDArray) x); IValue biasValue = IValue.from((PtNDArray) b);
                 IValue firstValue = IValue.from((PtNDArray) from); IValue countValue = IValue.from((PtNDArray) rows);
                 IValue output = Bf16.WEIGHT_LINEAR_ROWS.forward(input, weight, biasValue, firstValue, countValue)) {
                return output.toTensor(manager);
            }
        }
    }

    /**
     * {@code x · Wᵀ + b} with x and W rounded to bfloat16 for the product (float32 accumulation), the
     * result widened to float32 before the bias is added.
     *
     * @param x {@code [n, in]}, float32
     * @param weight {@code [out, in]}, float32 (a view is fine)
     * @param bias {@code [out]} or null
     * @return {@code [n, out]}, float32, in the manager of {@code x}
     */
    static NDArray bfloat16Linear(NDArray x, NDArray weight, NDArray bias) {
        NDList inputs = bias == null ? new NDList(x, weight) : new NDList(x, weight, bias);
        return (bias == null ? Bf16.LINEAR : Bf16.LINEAR_BIAS).forward(inputs).singletonOrThrow();
    }

    /** Loaded on first use, once per JVM. */
    private static final class Attention {
        static final TorchScriptModule MODULE =
                TorchScriptModule.load("fused_attention", "FusedAttention", FUSED_ATTENTION);
    }

    /**
     * Fused attention; arguments and result as {@link TensorOps#attention}.
     *
     * @param q {@code [H, n, d]}
     * @param k {@code [Hkv, L, d]}
     * @param v {@code [Hkv, L, d]}
     * @param mask {@code [n, L]}: 0 where visible, -inf where not
     * @param scoreDivisor the divisor of the scores
     * @return {@code [n, H·d]}, in the manager of {@code q}
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask, double scoreDivisor) {
        return attention(q, k, v, mask, scoreDivisor, false);
    }

    /**
     * {@link #attention(NDArray, NDArray, NDArray, NDArray, double)}, with its two products in bfloat16 when
     * {@code bfloat16} is set (float32 in and out, softmax in float32).
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask, double scoreDivisor, boolean bfloat16) {
        NDManager manager = q.getManager();
        NDArray scale = manager.create((float) (1.0 / scoreDivisor));
        NDArray half = manager.create(bfloat16);
        return Attention.MODULE.forward(new NDList(q, k, v, mask, scale, half)).singletonOrThrow();
    }
}
