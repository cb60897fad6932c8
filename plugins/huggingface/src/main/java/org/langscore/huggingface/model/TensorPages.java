package org.langscore.huggingface.model;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The raw bytes of one tensor in its safetensors file, mapped read-only in blocks of whole rows while a
 * layer uses them and unmapped when the layer is done ({@link #release}).
 *
 * <p>A mapped page that has been read counts in the process's resident set until it is unmapped, even
 * though it is the kernel's clean page cache: a model whose every layer stays mapped shows its whole file
 * in RSS (14.5 GB for a 7B BF16 model). Unmapping after each layer keeps the pages in the page cache (the
 * next sweep maps them again without reading the disk when they are still cached) but out of the process:
 * its resident weights are one layer's. Unmapping uses the JDK's own cleaner of mapped buffers
 * ({@code sun.misc.Unsafe.invokeCleaner}, in {@code jdk.unsupported}: no flag on Java 17; Java 24 and
 * later print a one-time deprecation warning for it); where that is unavailable the mapping is left to
 * the garbage collector, as before.
 *
 * <p>An array wrapping a block must be closed before the block is released (the model's layer scopes
 * guarantee it): reading an unmapped block crashes the JVM.
 */
final class TensorPages {

    private static final MethodHandle INVOKE_CLEANER = invokeCleaner();

    private final FileChannel channel;
    private final Path file;
    private final String name;
    private final long[] positions;
    private final long[] lengths;
    private final MappedByteBuffer[] mapped;

    /**
     * @param channel the open file, read-only
     * @param file the file (for messages)
     * @param name the tensor's name (for messages)
     * @param positions the first byte of each block in the file
     * @param lengths the bytes of each block, each under 2 GiB
     */
    TensorPages(FileChannel channel, Path file, String name, long[] positions, long[] lengths) {
        this.channel = channel;
        this.file = file;
        this.name = name;
        this.positions = positions.clone();
        this.lengths = lengths.clone();
        this.mapped = new MappedByteBuffer[positions.length];
    }

    /** @return the number of blocks */
    int blockCount() {
        return positions.length;
    }

    /**
     * @return every block, mapped now if it is not, as little-endian views positioned at 0; valid until
     *     {@link #release}
     * @throws ScoringException {@link ErrorCode#MODEL_LOAD_FAILED} when the system refuses the mapping
     */
    synchronized ByteBuffer[] blocks() {
        ByteBuffer[] views = new ByteBuffer[mapped.length];
        for (int i = 0; i < mapped.length; i++) {
            if (mapped[i] == null) {
                try {
                    mapped[i] = channel.map(FileChannel.MapMode.READ_ONLY, positions[i], lengths[i]);
                } catch (IOException e) {
                    throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Cannot map tensor '" + name + "' of "
                            + file + ": " + e.getMessage(), e);
                }
            }
            views[i] = mapped[i].duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }
        return views;
    }

    /** @return whether any block is mapped now */
    synchronized boolean isMapped() {
        for (MappedByteBuffer block : mapped) {
            if (block != null) {
                return true;
            }
        }
        return false;
    }

    /** Unmaps every mapped block: its pages leave the process (they stay in the page cache). */
    synchronized void release() {
        for (int i = 0; i < mapped.length; i++) {
            if (mapped[i] != null) {
                unmap(mapped[i]);
                mapped[i] = null;
            }
        }
    }

    /** @return whether this JVM lets mappings be unmapped at once (else the garbage collector does it) */
    static boolean unmapsAtOnce() {
        return INVOKE_CLEANER != null;
    }

    private static void unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null || buffer.capacity() == 0) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact((ByteBuffer) buffer);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot unmap a block of a weight tensor", e);
        }
    }

    /** {@code sun.misc.Unsafe.invokeCleaner} bound to the instance, or null where the JDK has none. */
    private static MethodHandle invokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field instance = unsafeClass.getDeclaredField("theUnsafe");
            instance.setAccessible(true);
            MethodHandle cleaner = MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class));
            return cleaner.bindTo(instance.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
