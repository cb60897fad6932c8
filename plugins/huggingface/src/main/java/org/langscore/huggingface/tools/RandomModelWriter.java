package org.langscore.huggingface.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

import com.google.gson.GsonBuilder;

/**
 * Writes a random-weight model in the HuggingFace folder layout: config.json, model.safetensors and
 * the given tokenizer. Weights are uniform with the standard deviation HuggingFace initialises with
 * (0.02), norm gains 1 and biases 0, drawn from a seeded generator, so that the same seed gives the
 * same file. Tensors are streamed to disk; memory use does not grow with the model.
 */
final class RandomModelWriter {
    private static final double STANDARD_DEVIATION = 0.02;
    private static final int CHUNK_ELEMENTS = 1 << 20;

    /** The element types the writer can store. */
    enum DType {
        F32(4), F16(2), BF16(2);

        final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }
    }

    private RandomModelWriter() {
    }

    /**
     * @param shape the model's shape
     * @param tokenizer the tokenizer.json to copy (its tokenizer_config.json is copied too when beside it)
     * @param out the output folder
     * @param dtype the stored element type
     * @param seed the random seed
     * @param progress receives the number of bytes written so far
     */
    static void write(ModelShape shape, Path tokenizer, Path out, DType dtype, long seed, LongConsumer progress)
            throws IOException {
        Files.createDirectories(out);
        List<ModelShape.TensorSpec> tensors = shape.tensors();
        // Header: name -> dtype, shape, [begin, end) offsets into the data section.
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt", "generator", "langscore random-model --like " + shape.like(),
                "parameters", Long.toString(shape.parameterCount())));
        long offset = 0;
        for (ModelShape.TensorSpec tensor : tensors) {
            long size = tensor.elements() * dtype.bytes;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype.name());
            entry.put("shape", tensor.shape());
            entry.put("data_offsets", new long[] {offset, offset + size});
            header.put(tensor.name(), entry);
            offset += size;
        }
        byte[] json = new GsonBuilder().create().toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        Path weights = out.resolve("model.safetensors");
        Path temporary = out.resolve("model.safetensors.part");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(padded).put(json);
            while (prefix.position() < prefix.capacity()) {
                prefix.put((byte) ' ');
            }
            prefix.flip();
            channel.write(prefix);
            SplittableRandom random = new SplittableRandom(seed);
            // Uniform on [-a, a] has standard deviation a / sqrt(3).
            double amplitude = STANDARD_DEVIATION * Math.sqrt(3);
            ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_ELEMENTS * dtype.bytes).order(ByteOrder.LITTLE_ENDIAN);
            long written = 0;
            for (ModelShape.TensorSpec tensor : tensors) {
                long remaining = tensor.elements();
                while (remaining > 0) {
                    int count = (int) Math.min(CHUNK_ELEMENTS, remaining);
                    buffer.clear();
                    for (int i = 0; i < count; i++) {
                        float value = switch (tensor.init()) {
                            case RANDOM -> (float) ((random.nextDouble() * 2 - 1) * amplitude);
                            case ONES -> 1f;
                            case ZEROS -> 0f;
                        };
                        put(buffer, value, dtype);
                    }
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        written += channel.write(buffer);
                    }
                    remaining -= count;
                    progress.accept(written);
                }
            }
        }
        Files.move(temporary, weights, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(out.resolve("config.json"),
                new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(shape.config()));
        Files.copy(tokenizer, out.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
        Path tokenizerConfig = tokenizer.resolveSibling("tokenizer_config.json");
        if (Files.isRegularFile(tokenizerConfig)) {
            Files.copy(tokenizerConfig, out.resolve("tokenizer_config.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void put(ByteBuffer buffer, float value, DType dtype) {
        switch (dtype) {
            case F32 -> buffer.putFloat(value);
            case F16 -> buffer.putShort(toHalf(value));
            case BF16 -> buffer.putShort(toBfloat16(value));
        }
    }

    /** Rounds a float to bfloat16 (the upper 16 bits), to nearest, ties to even. Values here are finite. */
    static short toBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** Rounds a finite float to IEEE half precision, to nearest, ties to even (Java 17 has no such method). */
    static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xFF) - 127 + 15;
        int mantissa = bits & 0x7FFFFF;
        if (exponent >= 31) {
            return (short) (sign | 0x7C00); // overflow: infinity
        }
        if (exponent <= 0) {
            if (exponent < -10) {
                return (short) sign; // underflow: signed zero
            }
            // Subnormal: shift the mantissa with its implicit bit into place, rounding to nearest even.
            mantissa |= 0x800000;
            int shift = 14 - exponent;
            int half = mantissa >> shift;
            int remainder = mantissa & ((1 << shift) - 1);
            int midpoint = 1 << (shift - 1);
            if (remainder > midpoint || remainder == midpoint && (half & 1) == 1) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (exponent << 10) | (mantissa >> 13);
        int remainder = mantissa & 0x1FFF;
        if (remainder > 0x1000 || remainder == 0x1000 && (half & 1) == 1) {
            half++; // may carry into the exponent, which is the correct rounding
        }
        return (short) (sign | half);
    }
}
