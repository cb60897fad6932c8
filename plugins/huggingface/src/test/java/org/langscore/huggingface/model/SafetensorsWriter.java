package org.langscore.huggingface.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;

/** Writes small safetensors files for tests, including deliberately broken ones. */
final class SafetensorsWriter {

    private record Tensor(String name, String dtype, long[] shape, byte[] data, long begin) {
    }

    private final List<Tensor> tensors = new ArrayList<>();
    private long next;

    /** Adds a float32 tensor. */
    SafetensorsWriter f32(String name, long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return raw(name, "F32", shape, b.array());
    }

    /** Adds a tensor of 16-bit elements given as raw bits. */
    SafetensorsWriter bits16(String name, String dtype, long[] shape, short... bits) {
        ByteBuffer b = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : bits) {
            b.putShort(s);
        }
        return raw(name, dtype, shape, b.array());
    }

    /** Adds a tensor with any dtype and bytes at the next free offset. */
    SafetensorsWriter raw(String name, String dtype, long[] shape, byte[] data) {
        return at(name, dtype, shape, data, next);
    }

    /** Adds a tensor whose data starts at a given offset of the data section (a gap stays a file hole). */
    SafetensorsWriter at(String name, String dtype, long[] shape, byte[] data, long begin) {
        tensors.add(new Tensor(name, dtype, shape.clone(), data, begin));
        next = Math.max(next, begin + data.length);
        return this;
    }

    /** The JSON header as written. */
    String header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt"));
        for (Tensor t : tensors) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t.dtype());
            entry.put("shape", t.shape());
            entry.put("data_offsets", new long[] {t.begin(), t.begin() + t.data().length});
            header.put(t.name(), entry);
        }
        return new Gson().toJson(header);
    }

    /** Writes the file. */
    Path write(Path file) throws IOException {
        return write(file, header());
    }

    /** Writes the file with the given header text instead of the generated one. */
    Path write(Path file, String headerText) throws IOException {
        byte[] header = headerText.getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            length.flip();
            out.write(length, 0);
            out.write(ByteBuffer.wrap(header), 8);
            long dataStart = 8 + header.length;
            for (Tensor t : tensors) {
                out.write(ByteBuffer.wrap(t.data()), dataStart + t.begin());
            }
        }
        return file;
    }
}
