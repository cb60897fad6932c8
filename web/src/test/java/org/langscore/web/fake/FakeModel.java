package org.langscore.web.fake;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * A fake model folder: a {@code fake-model.properties} file with {@code bits-per-letter} (the
 * surprisal of a word is its length times this), {@code millis-per-word} (a delay, to make jobs take
 * time) and {@code poison} (creating the subject fails).
 *
 * @param folder the model folder
 * @param bitsPerLetter surprisal per letter
 * @param millisPerWord delay per word
 * @param poison whether loading fails
 */
public record FakeModel(Path folder, double bitsPerLetter, long millisPerWord, boolean poison) {
    /** The marker file of a fake model folder. */
    public static final String FILE = "fake-model.properties";

    /** Writes a fake model folder. */
    public static Path write(Path folder, double bitsPerLetter, long millisPerWord, boolean poison) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(FILE), "bits-per-letter=" + bitsPerLetter + "\nmillis-per-word=" + millisPerWord
                + "\npoison=" + poison + "\n");
        return folder;
    }

    /** Reads a fake model folder. */
    public static FakeModel read(Path folder) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(folder.resolve(FILE))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "cannot read " + folder.resolve(FILE), e);
        }
        return new FakeModel(folder, Double.parseDouble(properties.getProperty("bits-per-letter", "1")),
                Long.parseLong(properties.getProperty("millis-per-word", "0")),
                Boolean.parseBoolean(properties.getProperty("poison", "false")));
    }
}
