package org.langscore.huggingface.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * A model's {@code config.json} with typed look-ups. Absent keys and keys present with {@code null}
 * take the caller's default; a value of the wrong type is an error that names the file and key.
 */
public final class ConfigJson {

    private final Path file;
    private final JsonObject root;

    /**
     * @param file where the JSON came from (for messages)
     * @param root the parsed object
     */
    public ConfigJson(Path file, JsonObject root) {
        this.file = file;
        this.root = root;
    }

    /**
     * Reads a config file.
     *
     * @param file the {@code config.json}
     * @return the parsed config
     */
    public static ConfigJson read(Path file) {
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, file + " is not a JSON object");
            }
            return new ConfigJson(file, parsed.getAsJsonObject());
        } catch (NoSuchFileException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "Model config not found: " + file, e);
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "Cannot read " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, file + " is not valid JSON: "
                    + JsonProblem.describe(e), e);
        }
    }

    /** @return the file the config came from */
    public Path file() {
        return file;
    }

    /** @return the first entry of {@code architectures}, or empty */
    public Optional<String> architecture() {
        JsonElement value = present("architectures");
        if (value == null) {
            return Optional.empty();
        }
        if (value.isJsonArray() && !value.getAsJsonArray().isEmpty()
                && value.getAsJsonArray().get(0).isJsonPrimitive()) {
            return Optional.of(value.getAsJsonArray().get(0).getAsString());
        }
        throw wrongType("architectures", "a list of class names", value);
    }

    /**
     * @param keys the key and its aliases, first present wins
     * @return whether any of them is present and not null
     */
    public boolean has(String... keys) {
        return firstPresentKey(keys) != null;
    }

    /**
     * @param defaultValue the value when all keys are absent or null
     * @param keys the key and its aliases
     * @return the integer value
     */
    public int integer(int defaultValue, String... keys) {
        String key = firstPresentKey(keys);
        if (key == null) {
            return defaultValue;
        }
        JsonElement value = root.get(key);
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            double number = value.getAsDouble();
            if (number == Math.rint(number) && Math.abs(number) <= Integer.MAX_VALUE) {
                return (int) number;
            }
        }
        throw wrongType(key, "an integer", value);
    }

    /**
     * @param defaultValue the value when all keys are absent or null
     * @param keys the key and its aliases
     * @return the number
     */
    public double number(double defaultValue, String... keys) {
        String key = firstPresentKey(keys);
        if (key == null) {
            return defaultValue;
        }
        JsonElement value = root.get(key);
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            return value.getAsDouble();
        }
        throw wrongType(key, "a number", value);
    }

    /**
     * @param defaultValue the value when all keys are absent or null
     * @param keys the key and its aliases
     * @return the boolean
     */
    public boolean bool(boolean defaultValue, String... keys) {
        String key = firstPresentKey(keys);
        if (key == null) {
            return defaultValue;
        }
        JsonElement value = root.get(key);
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
            return value.getAsBoolean();
        }
        throw wrongType(key, "true or false", value);
    }

    /**
     * @param defaultValue the value when all keys are absent or null
     * @param keys the key and its aliases
     * @return the string
     */
    public String string(String defaultValue, String... keys) {
        String key = firstPresentKey(keys);
        if (key == null) {
            return defaultValue;
        }
        JsonElement value = root.get(key);
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        throw wrongType(key, "a string", value);
    }

    /**
     * @param key a key
     * @return the nested object, or empty when absent or null
     */
    public Optional<ConfigJson> object(String key) {
        JsonElement value = present(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isJsonObject()) {
            throw wrongType(key, "an object", value);
        }
        return Optional.of(new ConfigJson(file, value.getAsJsonObject()));
    }

    /**
     * @param key a key
     * @return the raw JSON value (for nested lists such as GPT-Neo's {@code attention_types}), or empty
     *     when absent or null
     */
    public Optional<JsonElement> element(String key) {
        return Optional.ofNullable(present(key));
    }

    /**
     * An error about a config value that langscore does not support.
     *
     * @param key the key
     * @param why what is wrong and what to do
     * @return the exception to throw
     */
    public ScoringException invalid(String key, String why) {
        return new ScoringException(ErrorCode.MODEL_LOAD_FAILED, file + ": field '" + key + "' " + why);
    }

    private String firstPresentKey(String... keys) {
        for (String key : keys) {
            if (present(key) != null) {
                return key;
            }
        }
        return null;
    }

    private JsonElement present(String key) {
        JsonElement value = root.get(key);
        return value == null || value.isJsonNull() ? null : value;
    }

    private ScoringException wrongType(String key, String expected, JsonElement value) {
        String shown = value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new ScoringException(ErrorCode.MODEL_LOAD_FAILED, file + ": field '" + key + "' must be " + expected
                + ", found " + shown);
    }
}
