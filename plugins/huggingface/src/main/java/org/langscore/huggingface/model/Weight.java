package org.langscore.huggingface.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * One weight tensor of a model, kept in the precision its checkpoint stores it in.
 *
 * <p>Three kinds, chosen when the model is loaded:
 * <ul>
 *   <li><b>resident</b>: a vector (a norm gain or a bias), widened to float32 once and kept.</li>
 *   <li><b>mapped in place</b>: an F32 matrix of one mapping block. {@link #in} wraps the mapped file
 *       itself, without a copy, for the length of one layer.</li>
 *   <li><b>widened on use</b>: an F16 or BF16 matrix (or an F32 one too large for one mapping) stays as its
 *       raw stored bytes in the file (a BF16 tensor never reaches DJL: that aborts the JVM). {@link #in}
 *       widens it to float32 in Java into the model's {@link WideningArena} just before its product; the
 *       arena is reused by the next layer.</li>
 * </ul>
 * Matrices are mapped when a layer first uses them and unmapped when the arena is reset for the next one
 * ({@link TensorPages}): the file's pages stay in the page cache but only one layer's are in the process.
 * Widening is exact (every F16 and BF16 value is a float32), so all kinds give the same numbers.
 *
 * <p>Nothing ever writes into a mapped array: every op on a weight allocates its result elsewhere (an
 * in-place op on a read-only mapping would crash the JVM).
 */
final class Weight {

    /** Below this many elements one thread widens; above, every core takes a share of the rows. */
    private static final long PARALLEL_ELEMENTS = 1 << 20;
    private static final int WIDENING_THREADS = Runtime.getRuntime().availableProcessors();
    /** The largest piece of the output layer widened at once (see {@link #linearRows}). */
    static final long HEAD_PIECE_BYTES = 64L << 20;

    private final String name;
    private final StoredType type;
    private final long[] shape;
    private final TensorPages pages;       // the raw bytes in row blocks, mapped on use; null once resident
    private final long rowsPerBlock;
    private final NDArray resident;        // float32 vector widened at load; null for a matrix
    private final boolean transposed;
    private final WideningArena arena;
    private ai.djl.pytorch.jni.IValue bfloat16;   // [out, in] bfloat16, libtorch-owned; made on first bfloat16 use
    private ai.djl.pytorch.jni.IValue packed;     // [out, in] float32 in oneDNN's layout; made on first packed use
    private final java.util.Map<Long, ai.djl.pytorch.jni.IValue> packedRows = new java.util.HashMap<>();   // by first row
    private final java.util.Map<Long, ai.djl.pytorch.jni.IValue> bfloat16Rows = new java.util.HashMap<>(); // by first row

    private Weight(String name, StoredType type, long[] shape, TensorPages pages, long rowsPerBlock,
                   NDArray resident, boolean transposed, WideningArena arena) {
        this.name = name;
        this.type = type;
        this.shape = shape;
        this.pages = pages;
        this.rowsPerBlock = rowsPerBlock;
        this.resident = resident;
        this.transposed = transposed;
        this.arena = arena;
    }

    /**
     * Makes the weight of one tensor.
     *
     * @param name the tensor's name (for messages)
     * @param type its stored element type
     * @param shape its shape
     * @param pages its raw little-endian bytes in blocks of whole rows (read-only mappings of the file,
     *     made on use), each under 2 GiB; the file stays open as long as the weight is used
     * @param rowsPerBlock rows in every block but the last
     * @param weights the manager of the model's resident weights
     * @param arena the model's widening arena, which releases the pages a layer mapped when it resets
     * @return the weight, resident or used from the file
     */
    static Weight of(String name, StoredType type, long[] shape, TensorPages pages, long rowsPerBlock,
                     NDManager weights, WideningArena arena) {
        Weight raw = new Weight(name, type, shape, pages, rowsPerBlock, null, false, arena);
        if (shape.length >= 2) {
            return raw;
        }
        // A vector is small: widened once and kept, its pages released at once.
        try (NDManager scratch = weights.newSubManager()) {
            NDArray copy = raw.widenRows(scratch, 0, shape.length == 0 ? 1 : shape[0], false);
            NDArray owned = copy.duplicate();
            owned.attach(weights);
            return new Weight(name, type, shape, null, 0, owned, false, arena);
        } finally {
            pages.release();
        }
    }

    /**
     * @return this weight used transposed ({@code [in, out]} stored as GPT-2's Conv1D does): the same
     *     bytes, a transposed view at use
     */
    Weight transposed() {
        if (shape.length != 2) {
            throw new IllegalStateException("only a matrix can be transposed: " + name);
        }
        return new Weight(name, type, shape, pages, rowsPerBlock, null, !transposed, arena);
    }

    /** @return whether the stored matrix is {@code [in, out]} (GPT-2's Conv1D), used through a transposed view */
    boolean isTransposed() {
        return transposed;
    }

    /** @return the product's output features: the rows of {@code [out, in]} */
    long outFeatures() {
        return transposed ? shape[1] : shape[0];
    }

    /** @return the product's input features */
    long inFeatures() {
        return transposed ? shape[0] : shape[1];
    }

    /**
     * The matrix in bfloat16, held by libtorch as a TorchScript value that DJL never sees as an array (a
     * BF16 array would abort the JVM): reordered into oneDNN's layout where oneDNN has bfloat16 kernels
     * ({@link PackedProducts#bfloat16Available()}), else a contiguous {@code [out, in]} copy. Made on first use
     * by rounding the float32 matrix (widened first if stored in F16/BF16) to the nearest bfloat16, and kept
     * for the model's lifetime in the arena's list of copies ({@link WideningArena#keep}), closed with the
     * model.
     *
     * @param scope the caller's scope, where a widened float32 matrix may live for the conversion
     * @return the bfloat16 matrix, or null for a vector
     */
    synchronized ai.djl.pytorch.jni.IValue bfloat16(NDManager scope) {
        if (bfloat16 != null || shape.length != 2) {
            return bfloat16;
        }
        bfloat16 = arena.keep(PackedProducts.bfloat16Available() ? PackedProducts.packBfloat16(in(scope))
                : ScriptedOps.bfloat16Copy(in(scope)));
        return bfloat16;
    }

    /**
     * The matrix as float32 reordered into oneDNN's blocked layout ({@link PackedProducts}), made on first use
     * from the float32 matrix (widened first if stored in F16/BF16) and kept for the model's lifetime in the
     * arena's list of copies, like {@link #bfloat16}.
     *
     * @param scope the caller's scope, where a widened float32 matrix may live for the reordering
     * @return the packed matrix
     */
    synchronized ai.djl.pytorch.jni.IValue packed(NDManager scope) {
        if (packed == null) {
            if (shape.length != 2) {
                throw new IllegalStateException("only a matrix is packed: " + name);
            }
            packed = arena.keep(PackedProducts.pack(in(scope)));
        }
        return packed;
    }

    /** @return the tensor's name */
    String name() {
        return name;
    }

    /** @return the stored element type */
    StoredType type() {
        return type;
    }

    /** @return whether the weight is a float32 array kept for the model's lifetime (a vector) */
    boolean resident() {
        return resident != null;
    }

    /** @return whether {@link #in} wraps the mapped file without a copy (an F32 matrix in one block) */
    boolean inPlace() {
        return pages != null && type == StoredType.F32 && pages.blockCount() == 1;
    }

    /** @return the bytes this weight keeps in its stored precision in the file (0 for a vector widened at load) */
    long storedBytes() {
        return resident == null ? elements(shape) * type.bytes() : 0;
    }

    /**
     * The weight as a float32 array for one use.
     *
     * @param scope the manager of the caller's scope (a layer or a forward call); a widened copy is
     *     attached there and lives in the arena until the arena's next reset
     * @return {@code [out, in]} (or the transposed view), never to be modified
     */
    NDArray in(NDManager scope) {
        if (resident != null) {
            return resident;
        }
        if (inPlace()) {
            // The mapped file itself, valid until the arena's next reset unmaps it.
            NDArray mapped = scope.create(stored()[0], new Shape(shape), DataType.FLOAT32);   // as stored
            return transposed ? mapped.transpose() : mapped;
        }
        long rows = shape[0];
        long rowBytes = elements(shape) / rows * 4;
        long rowsPerSlot = Math.max(1, arena.maxSlotBytes() / rowBytes);
        if (rowsPerSlot >= rows) {
            NDArray widened = widenRows(scope, 0, rows, true);                        // [out, in]
            return transposed ? widened.transpose() : widened;
        }
        // Wider than one arena slot (a large vocabulary's head): widen in row pieces and join them.
        ai.djl.ndarray.NDList pieces = new ai.djl.ndarray.NDList();
        for (long first = 0; first < rows; first += rowsPerSlot) {
            pieces.add(widenRows(scope, first, Math.min(rowsPerSlot, rows - first), true));
        }
        NDArray joined = ai.djl.ndarray.NDArrays.concat(pieces, 0);                 // [out, in]
        return transposed ? joined.transpose() : joined;
    }

    /**
     * {@code x · W[first, first + count)ᵀ + b[first, first + count)}: one piece of a large matrix used once
     * per call (the output layer, a piece of the vocabulary at a time). An F32 matrix is narrowed in place,
     * a bfloat16 product narrows the kept copy, and an F16/BF16 matrix widens only the piece's rows into
     * the arena (reset first: nothing else of the call is in it any more).
     *
     * @param x {@code [n, in]}, in the caller's scope
     * @param bias {@code [out]} or null
     * @param first the first output row
     * @param count how many output rows
     * @return {@code [n, count]}, in the manager of {@code x}
     */
    NDArray linearRows(NDArray x, Weight bias, long first, long count) {
        NDManager scope = x.getManager();
        long started = System.nanoTime();
        try (NDManager piece = scope.newSubManager()) {
            // the bias's piece, copied: a resident vector lives in the capped weights manager
            NDArray b = bias == null ? null : piece.create(java.util.Arrays.copyOfRange(                // [count]
                    bias.in(piece).toFloatArray(), Math.toIntExact(first), Math.toIntExact(first + count)));
            if (TensorOps.PRODUCTS.get() == ProductPrecision.BFLOAT16) {
                if (!PackedProducts.bfloat16Available()) {
                    return ScriptedOps.bfloat16LinearRows(x, bfloat16(piece), b, first, count);
                }
                NDArray out = PackedProducts.bfloat16Linear(x, packedRows(piece, first, count, true), b,   // [n, count]
                        Epilogue.NONE, null);
                out.attach(scope);
                return out;
            }
            if (TensorOps.PACKED.get()) {
                NDArray out = PackedProducts.linear(x, packedRows(piece, first, count, false), b);           // [n, count]
                out.attach(scope);
                return out;
            }
            NDArray out = TensorOps.storedLinear(x, rowsInFloat32(piece, first, count), b);   // [n, count]
            out.attach(scope);
            return out;
        } finally {
            MatrixWork.product(x.getShape().get(0), inFeatures(), count, System.nanoTime() - started);
        }
    }

    /**
     * Rows {@code [first, first + count)} packed for oneDNN (float32, or rounded to bfloat16), made on first use
     * and kept like {@link #packed}: a piece of the output layer, always asked for with the same bounds (the
     * model's fixed grid of pieces).
     */
    private synchronized ai.djl.pytorch.jni.IValue packedRows(NDManager scope, long first, long count,
                                                              boolean bfloat16) {
        java.util.Map<Long, ai.djl.pytorch.jni.IValue> pieces = bfloat16 ? bfloat16Rows : packedRows;
        ai.djl.pytorch.jni.IValue rows = pieces.get(first);
        if (rows == null) {
            NDArray source = rowsInFloat32(scope, first, count);
            rows = arena.keep(bfloat16 ? PackedProducts.packBfloat16(source) : PackedProducts.pack(source));
            pieces.put(first, rows);
        }
        return rows;
    }

    /**
     * Rows {@code [first, first + count)} as float32 for one piece of a product: a view where the matrix is
     * float32 already (resident, mapped in place, or used transposed), else only those rows widened into
     * the arena (reset first: nothing else of the call is in it any more).
     *
     * @return {@code [count, in]}
     */
    private NDArray rowsInFloat32(NDManager scope, long first, long count) {
        if (resident != null || inPlace() || transposed) {
            return in(scope).get(first + ":" + (first + count));
        }
        arena.reset();
        return widenRows(scope, first, count, true);
    }

    /**
     * Widens rows {@code [first, first + count)} into float32.
     *
     * @param scope where the array is created
     * @param first the first row
     * @param count how many rows
     * @param inArena true to widen into the arena (valid until its next reset), false for a fresh buffer
     * @return {@code [count, ...]}
     */
    private NDArray widenRows(NDManager scope, long first, long count, boolean inArena) {
        long rowElements = shape.length == 0 ? 1 : elements(shape) / shape[0];
        long elements = count * rowElements;
        ByteBuffer[] stored = stored();
        ByteBuffer floats = inArena ? arena.take(elements * 4)
                : ByteBuffer.allocateDirect(Math.toIntExact(elements * 4)).order(ByteOrder.nativeOrder());
        FloatBuffer out = floats.asFloatBuffer();
        // Rows split over the cores: libtorch's threads are idle while Java widens.
        int parts = (int) Math.min(count, elements < PARALLEL_ELEMENTS ? 1 : WIDENING_THREADS);
        long rowsPerPart = (count + parts - 1) / parts;
        java.util.stream.IntStream.range(0, parts).parallel().forEach(part -> {
            long from = first + part * rowsPerPart;
            long to = Math.min(first + count, from + rowsPerPart);
            for (long row = from; row < to; ) {
                int block = (int) (row / rowsPerBlock);
                long inBlock = Math.min(to, (block + 1) * rowsPerBlock) - row;
                type.widen(stored[block], (row - block * rowsPerBlock) * rowElements, out,
                        (row - first) * rowElements, Math.toIntExact(inBlock * rowElements));
                row += inBlock;
            }
        });
        long[] blockShape = shape.clone();
        if (blockShape.length > 0) {
            blockShape[0] = count;
        }
        return scope.create(floats, new Shape(blockShape), DataType.FLOAT32);
    }

    /**
     * Rows of the weight as an embedding lookup, widening only those rows.
     *
     * @param scope where the result is created
     * @param ids the row of each token, {@code [n]}
     * @return {@code [n, columns]}
     */
    NDArray rows(NDManager scope, NDArray ids) {
        if (resident != null) {
            return TensorOps.embedding(ids, resident);
        }
        long[] rows = ids.toLongArray();
        int columns = Math.toIntExact(shape[1]);
        ByteBuffer[] stored = stored();
        ByteBuffer floats = ByteBuffer.allocateDirect(rows.length * columns * 4).order(ByteOrder.nativeOrder());
        FloatBuffer out = floats.asFloatBuffer();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= shape[0]) {
                throw new IllegalArgumentException("row " + rows[i] + " outside " + name + " of " + shape[0] + " rows");
            }
            int block = (int) (rows[i] / rowsPerBlock);
            type.widen(stored[block], (rows[i] - block * rowsPerBlock) * columns, out, (long) i * columns, columns);
        }
        try (NDArray wrapper = scope.create(floats, new Shape(rows.length, columns), DataType.FLOAT32)) {
            return wrapper.duplicate();
        }
    }

    /** @return the stored blocks, mapped if they are not, held until the arena's next reset */
    private ByteBuffer[] stored() {
        arena.holdUntilReset(pages);
        return pages.blocks();
    }

    private static long elements(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        return count;
    }
}
