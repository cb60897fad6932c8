package org.langscore.web.fake;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * A fake model folder: a {@code fake-model.properties} file with {@code bits-per-letter} (the
 * surprisal of a word is its length times this), {@code millis-per-word} (a delay, to make jobs take
 * time), {@code poison} (creating the subject fails) and {@code fault} (see {@link Fault}). Each time
 * the subject is really loaded, a line is appended to {@link #LOADS}, so that a test can tell whether
 * the model was loaded at all.
 *
 * @param folder the model folder
 * @param bitsPerLetter surprisal per letter
 * @param millisPerWord delay per word
 * @param poison whether loading fails
 * @param fault what goes wrong besides
 */
public record FakeModel(Path folder, double bitsPerLetter, long millisPerWord, boolean poison, Fault fault) {
    /** The marker file of a fake model folder. */
    public static final String FILE = "fake-model.properties";
    /** The file that gets one line per load of the subject. */
    public static final String LOADS = "loads.log";

    /** A fault a fake model shows. */
    public enum Fault {
        /** None. */
        NONE,
        /** The subject's factory refuses the model before loading it, for lack of memory. */
        INSUFFICIENT_MEMORY,
        /** Reading a text recurses until the thread's stack overflows. */
        STACK_OVERFLOW
    }

    /** Writes a fake model folder without a fault. */
    public static Path write(Path folder, double bitsPerLetter, long millisPerWord, boolean poison) throws IOException {
        return write(folder, bitsPerLetter, millisPerWord, poison, Fault.NONE);
    }

    /** Writes a fake model folder. */
    public static Path write(Path folder, double bitsPerLetter, long millisPerWord, boolean poison, Fault fault)
            throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(FILE), "bits-per-letter=" + bitsPerLetter + "\nmillis-per-word=" + millisPerWord
                + "\npoison=" + poison + "\nfault=" + fault.name().toLowerCase(Locale.ROOT) + "\n");
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
                Boolean.parseBoolean(properties.getProperty("poison", "false")),
                Fault.valueOf(properties.getProperty("fault", "none").toUpperCase(Locale.ROOT)));
    }

    /** @return how many times a subject of this folder was loaded */
    public static long loads(Path folder) throws IOException {
        Path log = folder.resolve(LOADS);
        return Files.isRegularFile(log) ? Files.readAllLines(log).size() : 0;
    }
}
