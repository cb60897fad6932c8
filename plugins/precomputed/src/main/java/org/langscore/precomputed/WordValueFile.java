package org.langscore.precomputed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.ScoringException;

/**
 * Per-word values: a table with a {@code word} column, a value column ({@link ValueUnit}) and
 * optionally a {@code text}/{@code story} column that groups consecutive rows into texts (without it
 * the whole file is one text). A call is answered by the text whose words are, in order, exactly the
 * call's non-blank parts. Only a text's first word may lack a value (nothing precedes it).
 *
 * @param format the format and unit, for the settings
 * @param texts the texts in file order
 */
public record WordValueFile(String format, List<WordText> texts) implements PrecomputedFile {
    private static final List<ValueUnit> UNITS = List.of(ValueUnit.values());

    public WordValueFile {
        texts = List.copyOf(texts);
    }

    /**
     * One text of the file.
     *
     * @param id the text's id (its text/story cell, or "1")
     * @param words the words in order
     * @param bits each word's surprisal in bits, NaN where the file has no value
     * @param lines each word's line in the file, for messages
     * @param file the file's name, for messages
     */
    public record WordText(String id, List<String> words, double[] bits, int[] lines, String file) {
        public WordText {
            words = List.copyOf(words);
        }
    }

    static boolean recognises(List<String> header) {
        return header.contains("word") && ValueUnit.find(header, UNITS).isPresent();
    }

    static WordValueFile of(DelimitedTable table) {
        ValueUnit.Column value = ValueUnit.find(table.columns(), UNITS).orElseThrow();
        int valueColumn = table.columns().indexOf(value.name());
        int wordColumn = table.columns().indexOf("word");
        int idColumn = table.column(TEXT_ID_COLUMNS);
        Map<String, List<Integer>> rowsByText = new LinkedHashMap<>();
        String previous = null;
        for (int row = 0; row < table.rows().size(); row++) {
            String id = idColumn < 0 ? "1" : table.rows().get(row).get(idColumn);
            if (rowsByText.containsKey(id) && !id.equals(previous)) {
                throw new ScoringException(ErrorCode.INVALID_DATA, table.file() + " line " + table.lineNumbers()[row]
                        + ": the words of text '" + id + "' are not consecutive; keep each text's words together, in order");
            }
            rowsByText.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
            previous = id;
        }
        List<WordText> texts = new ArrayList<>();
        String fileName = table.file().getFileName().toString();
        for (Map.Entry<String, List<Integer>> text : rowsByText.entrySet()) {
            List<Integer> rows = text.getValue();
            List<String> words = new ArrayList<>();
            double[] bits = new double[rows.size()];
            int[] lines = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                int row = rows.get(i);
                words.add(table.rows().get(row).get(wordColumn));
                bits[i] = value.unit().toBits(PrecomputedFile.parseValue(table, row, valueColumn));
                lines[i] = table.lineNumbers()[row];
            }
            texts.add(new WordText(text.getKey(), words, bits, lines, fileName));
        }
        return new WordValueFile("per-word values, column " + value.name() + " (" + value.unit().description() + ")",
                texts);
    }

    @Override
    public int textCount() {
        return texts.size();
    }

    @Override
    public List<PartResult> answer(List<String> parts, Map<String, String> notes) {
        List<Integer> nonBlank = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).isBlank()) {
                nonBlank.add(i);
            }
        }
        WordText text = match(parts, nonBlank);
        PartResult[] results = new PartResult[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            results[i] = new PartResult(parts.get(i), 0.0, null, -1, -1);
        }
        for (int w = 0; w < nonBlank.size(); w++) {
            int part = nonBlank.get(w);
            double bits = text.bits()[w];
            if (Double.isNaN(bits) && w > 0) {
                throw new ScoringException(ErrorCode.INVALID_DATA, "word " + (part + 1) + " '" + parts.get(part)
                        + "' has no value in " + text.file() + " (text '" + text.id() + "', line " + text.lines()[w]
                        + "); only a text's first word may lack one");
            }
            results[part] = PartResult.readingTime(parts.get(part), bits);
        }
        return List.of(results);
    }

    /** @return the text whose words are the non-blank parts, or an error naming the first word at fault */
    private WordText match(List<String> parts, List<Integer> nonBlank) {
        WordText closest = null;
        int closestPrefix = -1;
        for (WordText text : texts) {
            int prefix = 0;
            while (prefix < nonBlank.size() && prefix < text.words().size()
                    && parts.get(nonBlank.get(prefix)).equals(text.words().get(prefix))) {
                prefix++;
            }
            if (prefix == nonBlank.size() && prefix == text.words().size()) {
                return text;
            }
            if (prefix > closestPrefix) {
                closest = text;
                closestPrefix = prefix;
            }
        }
        if (closest == null) {
            throw new ScoringException(ErrorCode.INVALID_DATA, "the precomputed file holds no text");
        }
        String where;
        if (closestPrefix < nonBlank.size()) {
            int part = nonBlank.get(closestPrefix);
            where = "word " + (part + 1) + " '" + parts.get(part) + "' " + (closestPrefix < closest.words().size()
                    ? "differs from the file's word '" + closest.words().get(closestPrefix) + "' (line "
                    + closest.lines()[closestPrefix] + ")" : "comes after the text's last word");
        } else {
            where = "the call ends after " + nonBlank.size() + " words, but the text goes on with '"
                    + closest.words().get(closestPrefix) + "' (line " + closest.lines()[closestPrefix] + ")";
        }
        throw new ScoringException(ErrorCode.INVALID_DATA, "no text in " + closest.file() + " has the words of this "
                + "call (" + nonBlank.size() + " words); the closest is text '" + closest.id() + "': " + where);
    }
}
