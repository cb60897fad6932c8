package org.langscore.web.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.testing.SharedData;

class ModelDescriptionTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path folder;

    /** Issue 14: models registered by path showed no architecture, parameter count or dtype. */
    @Test
    void aRealModelFolderGivesItsFamilyParameterCountAndDtype() throws IOException {
        // The tiny GPT-2 fixture: config.json says gpt2/float16; its header lists 3,320,640 F16 elements
        // (counted with Python's struct and json over the same file).
        Path gpt2 = SharedData.fixture("gpt2-realtok-0");
        assertEquals(new ModelDescription("gpt2", 3_320_640L, "float16"), ModelDescription.of(gpt2, json));
        assertEquals(new ModelDescription("custom", 3_320_640L, "float16"),
                ModelDescription.of(gpt2, json).overriddenBy("custom", null, null));
    }

    @Test
    void shardsOfAnIndexAreSummedAndTheDominantDtypeWins() throws IOException {
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"llama\", \"torch_dtype\": \"float32\"}");
        writeSafetensors(folder.resolve("a.safetensors"),
                "{\"__metadata__\": {\"format\": \"pt\"}, \"w\": {\"dtype\": \"BF16\", \"shape\": [4, 5], \"data_offsets\": [0, 40]}}");
        writeSafetensors(folder.resolve("b.safetensors"),
                "{\"norm\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 12]}}");
        Files.writeString(folder.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"w\": \"a.safetensors\", \"norm\": \"b.safetensors\"}}");
        assertEquals(new ModelDescription("llama", 23L, "bfloat16"), ModelDescription.of(folder, json));
    }

    @Test
    void aFolderWithoutTheFilesDescribesNothingAndABrokenHeaderIsAnError() throws IOException {
        assertEquals(ModelDescription.UNKNOWN, ModelDescription.of(folder, json));
        Files.write(folder.resolve("model.safetensors"), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f});
        IOException e = assertThrows(IOException.class, () -> ModelDescription.of(folder, json));
        assertEquals(true, e.getMessage().contains("header"), e.getMessage());
    }

    private static void writeSafetensors(Path file, String header) throws IOException {
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(text.length);
        Files.write(file, concat(length.array(), text));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
