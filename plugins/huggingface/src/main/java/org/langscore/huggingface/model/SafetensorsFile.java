package org.langscore.huggingface.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * One {@code .safetensors} file, read by memory-mapping: an 8-byte little-endian header length, a
 * JSON header mapping each tensor name to its dtype, shape and byte range, then the raw row-major data.
 * The header is validated when the file is opened (every range inside the file, every size matching
 * its shape); tensor data is mapped on demand, tensor by tensor, so offsets beyond 2 GiB work.
 *
 * <p>Tensors are returned as float32 NDArrays in memory that PyTorch owns: F16 and BF16 are widened
 * in Java (a BF16 tensor must never reach DJL: it aborts the JVM), and no returned array ever points
 * into the read-only mapping (an in-place op on such an array would crash the JVM).
 */
public final class SafetensorsFile implements AutoCloseable {

    /** Largest header accepted; real headers are kilobytes to a few megabytes. */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    /**
     * Largest block widened and handed to PyTorch at once; larger tensors are read in row blocks and
     * joined by PyTorch. Small enough that the transient Java direct buffer of an F16/BF16 block fits
     * the JVM's default direct-memory limit.
     */
    private static final long MAX_BLOCK_BYTES = 256L << 20;

    /** Largest single mapping: a Java buffer holds at most 2 GiB; larger tensors are mapped in row blocks. */
    private static final long MAX_MAPPED_BLOCK_BYTES = 1L << 30;


    /**
     * One tensor's entry in the header.
     *
     * @param name the tensor's name
     * @param dtype the safetensors dtype string ({@code F32}, {@code F16}, {@code BF16}, ...)
     * @param shape the tensor's shape
     * @param begin first data byte, relative to the end of the header
     * @param end one past the last data byte, relative to the end of the header
     */
    public record Entry(String name, String dtype, long[] shape, long begin, long end) {
        public Entry {
            shape = shape.clone();
        }

        /** @return the number of elements */
        public long elementCount() {
            long count = 1;
            for (long dim : shape) {
                count *= dim;
            }
            return count;
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;

    private SafetensorsFile(Path file, FileChannel channel, long dataStart, Map<String, Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
    }

    /**
     * Opens a file and validates its header.
     *
     * @param file the {@code .safetensors} file
     * @return the open file; the caller closes it
     * @throws ScoringException {@link ErrorCode#FILE_NOT_FOUND} when the file is missing,
     *     {@link ErrorCode#MODEL_LOAD_FAILED} when it is truncated or its header is corrupt
     */
    public static SafetensorsFile open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "Safetensors file not found: " + file, e);
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "Cannot read safetensors file " + file + ": "
                    + e.getMessage(), e);
        }
        try {
            long size = channel.size();
            if (size < 8) {
                throw corrupt(file, "it has " + size + " bytes, fewer than the 8-byte header length (truncated)");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
                throw corrupt(file, "its header length field says " + Long.toUnsignedString(headerLength)
                        + " bytes but the file has " + size + " bytes (truncated or not a safetensors file)");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            String headerText = new String(headerBytes.array(), StandardCharsets.UTF_8);
            long dataStart = 8 + headerLength;
            Map<String, Entry> entries = parseHeader(file, headerText, size - dataStart);
            return new SafetensorsFile(file, channel, dataStart, entries);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Cannot read safetensors file " + file + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private static Map<String, Entry> parseHeader(Path file, String headerText, long dataBytes) {
        JsonObject header;
        try {
            JsonElement parsed = JsonParser.parseString(headerText);
            if (!parsed.isJsonObject()) {
                throw corrupt(file, "its header is not a JSON object");
            }
            header = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Corrupt safetensors file " + file
                    + ": its header is not valid JSON (" + JsonProblem.describe(e) + ")", e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> member : header.entrySet()) {
            String name = member.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            entries.put(name, parseEntry(file, name, member.getValue(), dataBytes));
        }
        return Collections.unmodifiableMap(entries);
    }

    private static Entry parseEntry(Path file, String name, JsonElement element, long dataBytes) {
        try {
            JsonObject object = element.getAsJsonObject();
            String dtype = object.get("dtype").getAsString();
            JsonArray shapeJson = object.get("shape").getAsJsonArray();
            long[] shape = new long[shapeJson.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeJson.get(i).getAsLong();
                if (shape[i] < 0) {
                    throw corrupt(file, "tensor '" + name + "' has a negative dimension in shape "
                            + Arrays.toString(shape));
                }
            }
            JsonArray offsets = object.get("data_offsets").getAsJsonArray();
            if (offsets.size() != 2) {
                throw corrupt(file, "tensor '" + name + "' has data_offsets of length " + offsets.size());
            }
            long begin = offsets.get(0).getAsLong();
            long end = offsets.get(1).getAsLong();
            if (begin < 0 || end < begin) {
                throw corrupt(file, "tensor '" + name + "' has data_offsets [" + begin + ", " + end + ")");
            }
            if (end > dataBytes) {
                throw corrupt(file, "the data of tensor '" + name + "' ends at byte " + end
                        + " of the data section but the file holds only " + dataBytes + " data bytes (truncated)");
            }
            Entry entry = new Entry(name, dtype, shape, begin, end);
            int width = bytesPerElement(dtype);
            if (width > 0 && entry.elementCount() * width != end - begin) {
                throw corrupt(file, "tensor '" + name + "' (" + dtype + ", shape " + Arrays.toString(shape)
                        + ") needs " + entry.elementCount() * width + " bytes but its data_offsets span "
                        + (end - begin));
            }
            return entry;
        } catch (IllegalStateException | NullPointerException | UnsupportedOperationException
                 | NumberFormatException e) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Corrupt safetensors file " + file
                    + ": the header entry of tensor '" + name + "' lacks a valid dtype, shape or data_offsets", e);
        }
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return the names of the tensors in the file, in header order */
    public Set<String> names() {
        return entries.keySet();
    }

    /**
     * @param name a tensor name
     * @return its header entry, or null when the file has no such tensor
     */
    public Entry entry(String name) {
        return entries.get(name);
    }

    /**
     * Reads one tensor as float32 into memory that PyTorch owns.
     *
     * @param name the tensor's name
     * @param manager the manager that will own the array
     * @return a float32 array of the tensor's shape
     * @throws ScoringException {@link ErrorCode#MODEL_LOAD_FAILED} for an unknown tensor or a dtype that
     *     is not F32, F16 or BF16
     */
    public NDArray read(String name, NDManager manager) {
        return read(name, manager, MAX_BLOCK_BYTES);
    }

    /** {@link #read(String, NDManager)} with a given block size (tests use tiny blocks). */
    NDArray read(String name, NDManager manager, long maxBlockBytes) {
        MappedTensor mapped = map(name, Math.max(1, maxBlockBytes / 2));
        StoredType type = StoredType.of(mapped.dtype(), name, file);
        long[] shape = mapped.shape();
        if (Arrays.stream(shape).anyMatch(dimension -> dimension == 0)) {
            return manager.zeros(new Shape(shape), DataType.FLOAT32);
        }
        long rows = shape.length == 0 ? 1 : shape[0];
        long rowElements = Arrays.stream(shape).reduce(1, (a, b) -> a * b) / rows;
        ByteBuffer[] stored = mapped.pages().blocks();
        try (NDManager blocks = manager.newSubManager()) {
            NDList parts = new NDList();
            for (int block = 0; block < stored.length; block++) {
                long count = Math.min(mapped.rowsPerBlock(), rows - block * mapped.rowsPerBlock());
                int elements = Math.toIntExact(count * rowElements);
                ByteBuffer floats;
                try {
                    floats = ByteBuffer.allocateDirect(elements * 4).order(ByteOrder.nativeOrder());
                } catch (OutOfMemoryError e) {
                    throw new ScoringException(ErrorCode.INSUFFICIENT_MEMORY, "Not enough Java direct memory to"
                            + " widen tensor '" + name + "' of " + file + " to float32 (" + elements * 4L
                            + " bytes); raise -XX:MaxDirectMemorySize", e);
                }
                type.widen(stored[block], 0, floats.asFloatBuffer(), 0, elements);
                long[] blockShape = shape.clone();
                if (blockShape.length > 0) {
                    blockShape[0] = count;
                }
                parts.add(blocks.create(floats, new Shape(blockShape), DataType.FLOAT32));
            }
            // A copy PyTorch owns: never the mapping, never the transient Java buffer.
            NDArray whole = parts.size() == 1 ? parts.singletonOrThrow().duplicate() : NDArrays.concat(parts, 0);
            whole.attach(manager);
            return whole;
        } finally {
            mapped.pages().release();
        }
    }

    /**
     * The raw bytes of one tensor, to be memory-mapped read-only in blocks of whole rows, each under
     * 2 GiB. Nothing is mapped until {@link TensorPages#blocks} and nothing read until the pages are
     * touched; the file must stay open while the tensor is used.
     *
     * @param name the tensor's name
     * @return the blocks and the rows of each
     * @throws ScoringException {@link ErrorCode#MODEL_LOAD_FAILED} for an unknown tensor, a dtype that is
     *     not F32, F16 or BF16, or a mapping the system refuses
     */
    MappedTensor map(String name) {
        return map(name, MAX_MAPPED_BLOCK_BYTES);
    }

    /** {@link #map(String)} with a given block size (tests use tiny blocks). */
    MappedTensor map(String name, long maxBlockBytes) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Tensor '" + name + "' is not in " + file);
        }
        int width = StoredType.of(entry.dtype(), name, file).bytes();
        long[] shape = entry.shape;
        long rows = shape.length == 0 ? 1 : Math.max(shape[0], 1);
        long rowBytes = Math.max(entry.elementCount() / rows, 1) * width;
        long rowsPerBlock = Math.max(1, maxBlockBytes / rowBytes);
        if (rowBytes > MAX_MAPPED_BLOCK_BYTES) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Tensor '" + name + "' in " + file
                    + " has rows of " + rowBytes + " bytes, more than the supported " + MAX_MAPPED_BLOCK_BYTES);
        }
        int blockCount = (int) ((rows + rowsPerBlock - 1) / rowsPerBlock);
        long[] positions = new long[blockCount];
        long[] lengths = new long[blockCount];
        for (int block = 0; block < blockCount; block++) {
            long first = block * rowsPerBlock;
            long count = Math.min(rowsPerBlock, rows - first);
            positions[block] = dataStart + entry.begin() + first * rowBytes;
            lengths[block] = entry.elementCount() == 0 ? 0 : count * rowBytes;
        }
        return new MappedTensor(entry.dtype(), entry.shape(), new TensorPages(channel, file, name, positions, lengths),
                rowsPerBlock);
    }

    /**
     * A tensor's raw bytes, mapped read-only on use.
     *
     * @param dtype the safetensors dtype
     * @param shape the shape
     * @param pages the bytes in blocks of whole rows, mapped when asked for and unmapped on release
     * @param rowsPerBlock rows in every block but the last
     */
    record MappedTensor(String dtype, long[] shape, TensorPages pages, long rowsPerBlock) {
    }

    /** @return bytes per element of a float dtype this reader widens, 0 for any other dtype */
    private static int bytesPerElement(String dtype) {
        switch (dtype) {
            case "F32":
                return 4;
            case "F16":
            case "BF16":
                return 2;
            default:
                return 0;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += read;
        }
    }

    private static ScoringException corrupt(Path file, String why) {
        return new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Corrupt safetensors file " + file + ": " + why);
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    /** Closes the file channel; mapped regions are released by the garbage collector. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Cannot close " + file, e);
        }
    }

}
