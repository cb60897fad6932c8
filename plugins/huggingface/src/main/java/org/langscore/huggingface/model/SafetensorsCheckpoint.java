package org.langscore.huggingface.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The weights of a model folder: {@code model.safetensors}, or the shards listed in
 * {@code model.safetensors.index.json} ({@code weight_map}: tensor name to file name).
 */
public final class SafetensorsCheckpoint implements AutoCloseable {

    /** The single-file checkpoint name. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** The index of a sharded checkpoint. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Map<String, SafetensorsFile> fileOfTensor;
    private final List<SafetensorsFile> files;

    private SafetensorsCheckpoint(Map<String, SafetensorsFile> fileOfTensor, List<SafetensorsFile> files) {
        this.fileOfTensor = fileOfTensor;
        this.files = files;
    }

    /**
     * Opens the checkpoint of a model folder.
     *
     * @param folder the model folder
     * @return the open checkpoint; the caller closes it
     * @throws ScoringException {@link ErrorCode#FILE_NOT_FOUND} when the folder has neither file or a shard is
     *     missing, {@link ErrorCode#MODEL_LOAD_FAILED} when a file or the index is corrupt
     */
    public static SafetensorsCheckpoint open(Path folder) {
        Path single = folder.resolve(SINGLE_FILE);
        Path index = folder.resolve(INDEX_FILE);
        if (Files.isRegularFile(single)) {
            SafetensorsFile file = SafetensorsFile.open(single);
            Map<String, SafetensorsFile> map = new LinkedHashMap<>();
            for (String name : file.names()) {
                map.put(name, file);
            }
            return new SafetensorsCheckpoint(map, List.of(file));
        }
        if (Files.isRegularFile(index)) {
            return openSharded(folder, index);
        }
        String hint = Files.isRegularFile(folder.resolve("pytorch_model.bin"))
                ? " (the folder has pytorch_model.bin: only safetensors checkpoints are supported)" : "";
        throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "No " + SINGLE_FILE + " or " + INDEX_FILE + " in "
                + folder + hint);
    }

    private static SafetensorsCheckpoint openSharded(Path folder, Path index) {
        Map<String, String> weightMap = readWeightMap(index);
        Map<String, SafetensorsFile> byFileName = new LinkedHashMap<>();
        Map<String, SafetensorsFile> fileOfTensor = new LinkedHashMap<>();
        List<SafetensorsFile> opened = new ArrayList<>();
        try {
            for (Map.Entry<String, String> mapping : weightMap.entrySet()) {
                String fileName = mapping.getValue();
                SafetensorsFile file = byFileName.get(fileName);
                if (file == null) {
                    Path shard = folder.resolve(fileName).normalize();
                    if (!shard.startsWith(folder.normalize())) {
                        throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, index + " maps tensor '"
                                + mapping.getKey() + "' to '" + fileName + "', outside the model folder");
                    }
                    file = SafetensorsFile.open(shard);
                    opened.add(file);
                    byFileName.put(fileName, file);
                }
                if (file.entry(mapping.getKey()) == null) {
                    throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, index + " maps tensor '" + mapping.getKey()
                            + "' to " + file.file() + ", which does not contain it");
                }
                fileOfTensor.put(mapping.getKey(), file);
            }
        } catch (RuntimeException e) {
            for (SafetensorsFile file : opened) {
                file.close();
            }
            throw e;
        }
        return new SafetensorsCheckpoint(fileOfTensor, List.copyOf(opened));
    }

    private static Map<String, String> readWeightMap(Path index) {
        try {
            JsonElement root = JsonParser.parseString(Files.readString(index, StandardCharsets.UTF_8));
            JsonObject weightMap = root.getAsJsonObject().getAsJsonObject("weight_map");
            if (weightMap == null) {
                throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, index + " has no 'weight_map' object");
            }
            Map<String, String> result = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> entry : weightMap.entrySet()) {
                result.put(entry.getKey(), entry.getValue().getAsString());
            }
            return result;
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "Cannot read " + index + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, index + " is not a valid safetensors index: "
                    + (e instanceof JsonParseException json ? JsonProblem.describe(json) : e.getMessage()), e);
        }
    }

    /** @return every tensor name in the checkpoint */
    public Set<String> names() {
        return Collections.unmodifiableSet(fileOfTensor.keySet());
    }

    /**
     * @param name a tensor name
     * @return its header entry, or null when the checkpoint has no such tensor
     */
    public SafetensorsFile.Entry entry(String name) {
        SafetensorsFile file = fileOfTensor.get(name);
        return file == null ? null : file.entry(name);
    }

    /**
     * @param name a tensor name in the checkpoint
     * @return the file that holds it
     */
    public Path fileOf(String name) {
        return fileOfTensor.get(name).file();
    }

    /**
     * Reads one tensor as float32.
     *
     * @param name a tensor name in the checkpoint
     * @param manager the manager that will own the array
     * @return the tensor
     */
    public NDArray read(String name, NDManager manager) {
        SafetensorsFile file = fileOfTensor.get(name);
        if (file == null) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Tensor '" + name + "' is not in the checkpoint");
        }
        return file.read(name, manager);
    }

    /**
     * Maps one tensor's raw bytes without reading them.
     *
     * @param name a tensor name in the checkpoint
     * @return its read-only mapping
     */
    SafetensorsFile.MappedTensor map(String name) {
        SafetensorsFile file = fileOfTensor.get(name);
        if (file == null) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Tensor '" + name + "' is not in the checkpoint");
        }
        return file.map(name);
    }

    /** @return the data bytes of every tensor, as stored */
    public long storedBytes() {
        long total = 0;
        for (String name : fileOfTensor.keySet()) {
            SafetensorsFile.Entry entry = entry(name);
            total += entry.end() - entry.begin();
        }
        return total;
    }

    @Override
    public void close() {
        for (SafetensorsFile file : files) {
            file.close();
        }
    }
}
