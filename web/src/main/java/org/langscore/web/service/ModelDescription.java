package org.langscore.web.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a local model folder says about itself, read when the model is registered: the architecture
 * family ({@code model_type} of {@code config.json}), the parameter count (the tensors' elements in
 * the safetensors headers) and the dtype the weights are stored in (the headers' dominant dtype, else
 * {@code torch_dtype}). Only headers are read, never weights. A folder that holds none of these
 * files describes nothing; the subject plugin reports a broken model when it is evaluated.
 *
 * @param architecture the family ("gpt2", "llama"), or null
 * @param parameterCount the number of parameters, or null
 * @param dtype the weights' dtype ("float16", "bfloat16", "float32"), or null
 */
public record ModelDescription(String architecture, Long parameterCount, String dtype) {
    /** A safetensors header larger than this is not read (real headers are well below 10 MB). */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final String INDEX = "model.safetensors.index.json";
    private static final String SINGLE = "model.safetensors";

    /** A description with nothing known. */
    public static final ModelDescription UNKNOWN = new ModelDescription(null, null, null);

    /**
     * @param folder the model folder
     * @param json the JSON reader
     * @return what config.json and the safetensors headers say; {@link #UNKNOWN} parts where they say nothing
     * @throws IOException when a file is present but cannot be read as its format says
     */
    public static ModelDescription of(Path folder, ObjectMapper json) throws IOException {
        String architecture = null;
        String configDtype = null;
        Path config = folder.resolve("config.json");
        if (Files.isRegularFile(config)) {
            JsonNode node = json.readTree(config.toFile());
            architecture = text(node.get("model_type"));
            configDtype = text(node.get("torch_dtype"));
        }
        Map<String, Long> elementsByDtype = new LinkedHashMap<>();
        for (Path file : weightFiles(folder, json)) {
            addHeader(file, json, elementsByDtype);
        }
        Long parameters = elementsByDtype.isEmpty() ? null
                : elementsByDtype.values().stream().mapToLong(Long::longValue).sum();
        String dtype = elementsByDtype.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> dtypeName(e.getKey())).orElse(configDtype);
        return new ModelDescription(architecture, parameters, dtype);
    }

    /** @return this description with the submitter's values, where given, taking precedence */
    public ModelDescription overriddenBy(String givenArchitecture, Long givenParameters, String givenDtype) {
        return new ModelDescription(givenArchitecture != null ? givenArchitecture : architecture,
                givenParameters != null ? givenParameters : parameterCount, givenDtype != null ? givenDtype : dtype);
    }

    private static Iterable<Path> weightFiles(Path folder, ObjectMapper json) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        Path index = folder.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            JsonNode weightMap = json.readTree(index.toFile()).path("weight_map");
            for (Iterator<JsonNode> shards = weightMap.elements(); shards.hasNext(); ) {
                Path shard = folder.resolve(shards.next().asText()).normalize();
                if (shard.startsWith(folder) && Files.isRegularFile(shard)) {
                    files.add(shard);
                }
            }
        } else if (Files.isRegularFile(folder.resolve(SINGLE))) {
            files.add(folder.resolve(SINGLE));
        }
        return files;
    }

    /** Adds the elements of each tensor of a safetensors file's header to its dtype's count. */
    private static void addHeader(Path file, ObjectMapper json, Map<String, Long> elementsByDtype) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] length = in.readNBytes(8);
            if (length.length < 8) {
                throw new IOException(file + " is shorter than a safetensors header");
            }
            long size = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (size <= 0 || size > MAX_HEADER_BYTES) {
                throw new IOException(file + " declares a safetensors header of " + size + " bytes");
            }
            JsonNode header = json.readTree(in.readNBytes((int) size));
            for (Iterator<Map.Entry<String, JsonNode>> tensors = header.fields(); tensors.hasNext(); ) {
                Map.Entry<String, JsonNode> tensor = tensors.next();
                if (tensor.getKey().equals("__metadata__")) {
                    continue;
                }
                long elements = 1;
                for (JsonNode dimension : tensor.getValue().path("shape")) {
                    elements = Math.multiplyExact(elements, dimension.asLong());
                }
                elementsByDtype.merge(tensor.getValue().path("dtype").asText("?"), elements, Long::sum);
            }
        }
    }

    private static String dtypeName(String safetensorsDtype) {
        return switch (safetensorsDtype.toUpperCase(Locale.ROOT)) {
            case "F32" -> "float32";
            case "F16" -> "float16";
            case "BF16" -> "bfloat16";
            case "F64" -> "float64";
            default -> safetensorsDtype.toLowerCase(Locale.ROOT);
        };
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }
}
