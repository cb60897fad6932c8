package org.langscore.precomputed;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.ScoringException;

/**
 * The contents of a precomputed file, able to answer a {@code digestText} call whose text it holds.
 * Two formats: {@link WordValueFile} (one value per word) and {@link TokenLogProbFile} (token
 * log-probabilities with character offsets).
 */
public sealed interface PrecomputedFile permits WordValueFile, TokenLogProbFile {
    /** The columns that may name the text (story, document) a row belongs to. */
    List<String> TEXT_ID_COLUMNS = List.of("text", "story");

    /** @return a description of the format and unit, for the subject's settings */
    String format();

    /** @return how many texts the file holds */
    int textCount();

    /**
     * Answers one call.
     *
     * @param parts the parts of the call
     * @param notes receives notes on how the call was matched (accepted character differences), for the settings
     * @return the reading time of each part in bits
     * @throws ScoringException naming the first word at fault when no text matches or a value is missing
     */
    List<PartResult> answer(List<String> parts, Map<String, String> notes);

    /** @return true when the header is that of one of the formats */
    static boolean recognises(List<String> header) {
        return TokenLogProbFile.recognises(header) || WordValueFile.recognises(header);
    }

    /**
     * Reads a file in whichever format its header shows.
     *
     * @param maxMismatchedCharacters how many characters a token file's text may differ from a call's text
     * @throws ScoringException naming the file when it is neither format or malformed
     */
    static PrecomputedFile read(Path file, int maxMismatchedCharacters) {
        DelimitedTable table = DelimitedTable.read(file);
        if (TokenLogProbFile.recognises(table.columns())) {
            return TokenLogProbFile.of(table, maxMismatchedCharacters);
        }
        if (WordValueFile.recognises(table.columns())) {
            return WordValueFile.of(table);
        }
        throw new ScoringException(ErrorCode.INVALID_DATA, "precomputed file " + file + " has columns "
                + table.columns() + "; expected either word + one of surprisal, surprisal_bits, surprisal_nats, "
                + "logprob, logprob_ln, logprob_bits, log2prob (per-word values), or token + offset + one of logprob, "
                + "logprob_ln, logprob_bits, log2prob (token log-probabilities), optionally with a text or story column");
    }

    /** Parses a value cell; empty means missing (NaN). */
    static double parseValue(DelimitedTable table, int row, int column) {
        String cell = table.rows().get(row).get(column).trim();
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new ScoringException(ErrorCode.INVALID_DATA, table.file() + " line " + table.lineNumbers()[row]
                    + ": " + table.columns().get(column) + " '" + cell + "' is not a number", e);
        }
        if (!Double.isFinite(value)) {
            throw new ScoringException(ErrorCode.INVALID_DATA, table.file() + " line " + table.lineNumbers()[row]
                    + ": " + table.columns().get(column) + " '" + cell + "' is not finite");
        }
        return value;
    }
}
