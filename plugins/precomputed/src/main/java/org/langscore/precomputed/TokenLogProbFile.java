package org.langscore.precomputed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.ScoringException;
import org.langscore.text.ContextString;

/**
 * Token log-probabilities with character offsets, as an API returns them: columns {@code token},
 * {@code offset} (the token's first character in its text), a log-probability column
 * ({@code logprob}/{@code logprob_ln} in natural log, or {@code logprob_bits}/{@code log2prob}) and
 * optionally a {@code text}/{@code story} column. The tokens of a text, in offset order, must tile
 * it: each starts where the previous ends. Only a text's first token may lack a value.
 *
 * <p>A call is answered by the text equal to the call's {@link ContextString} (or, when allowed,
 * differing from it in at most {@code maxMismatchedCharacters} characters at equal length). Tokens
 * are aligned as the HuggingFace subject aligns its own: a token belongs to the part that holds its
 * first non-space character (a token of spaces only, to the part holding the next non-space
 * character); a part's reading time is the sum of its tokens' surprisal in bits.
 *
 * @param format the format and unit, for the settings
 * @param texts the texts in file order
 * @param maxMismatchedCharacters how many characters a text may differ from a call's text
 */
public record TokenLogProbFile(String format, List<TokenText> texts, int maxMismatchedCharacters)
        implements PrecomputedFile {
    private static final List<ValueUnit> UNITS = List.of(ValueUnit.LOGPROB_NATURAL, ValueUnit.LOGPROB_BITS);

    public TokenLogProbFile {
        texts = List.copyOf(texts);
        if (maxMismatchedCharacters < 0) {
            throw new IllegalArgumentException("maxMismatchedCharacters must be >= 0, got " + maxMismatchedCharacters);
        }
    }

    /**
     * One text of the file.
     *
     * @param id the text's id
     * @param text the text, rebuilt from its tokens
     * @param tokenStart each token's first character
     * @param tokenEnd one past each token's last character
     * @param bits each token's surprisal in bits; NaN where the file has no value
     * @param lines each token's line in the file
     * @param file the file's name, for messages
     */
    public record TokenText(String id, String text, int[] tokenStart, int[] tokenEnd, double[] bits, int[] lines,
                            String file) {
    }

    static boolean recognises(List<String> header) {
        return header.contains("token") && header.contains("offset") && ValueUnit.find(header, UNITS).isPresent();
    }

    static TokenLogProbFile of(DelimitedTable table, int maxMismatchedCharacters) {
        ValueUnit.Column value = ValueUnit.find(table.columns(), UNITS).orElseThrow();
        int valueColumn = table.columns().indexOf(value.name());
        int tokenColumn = table.columns().indexOf("token");
        int offsetColumn = table.columns().indexOf("offset");
        int idColumn = table.column(TEXT_ID_COLUMNS);
        Map<String, List<Integer>> rowsByText = new LinkedHashMap<>();
        for (int row = 0; row < table.rows().size(); row++) {
            String id = idColumn < 0 ? "1" : table.rows().get(row).get(idColumn);
            rowsByText.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
        }
        List<TokenText> texts = new ArrayList<>();
        String fileName = table.file().getFileName().toString();
        for (Map.Entry<String, List<Integer>> entry : rowsByText.entrySet()) {
            List<Integer> rows = entry.getValue();
            int n = rows.size();
            int[] starts = new int[n];
            int[] ends = new int[n];
            double[] bits = new double[n];
            int[] lines = new int[n];
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < n; k++) {
                int row = rows.get(k);
                lines[k] = table.lineNumbers()[row];
                String token = table.rows().get(row).get(tokenColumn);
                String offsetCell = table.rows().get(row).get(offsetColumn).trim();
                int offset;
                try {
                    offset = Integer.parseInt(offsetCell);
                } catch (NumberFormatException e) {
                    throw new ScoringException(ErrorCode.INVALID_DATA, table.file() + " line " + lines[k]
                            + ": offset '" + offsetCell + "' is not an integer", e);
                }
                if (offset != text.length()) {
                    throw new ScoringException(ErrorCode.INVALID_DATA, table.file() + " line " + lines[k] + ": token '"
                            + token + "' of text '" + entry.getKey() + "' is at offset " + offset + ", but the tokens "
                            + "before it end at " + text.length() + "; the tokens of a text must follow each other "
                            + "without gaps or overlaps");
                }
                starts[k] = offset;
                text.append(token);
                ends[k] = text.length();
                bits[k] = value.unit().toBits(PrecomputedFile.parseValue(table, row, valueColumn));
            }
            texts.add(new TokenText(entry.getKey(), text.toString(), starts, ends, bits, lines, fileName));
        }
        return new TokenLogProbFile("token log-probabilities with character offsets, column " + value.name() + " ("
                + value.unit().description() + "); a token belongs to the part holding its first non-space character",
                texts, maxMismatchedCharacters);
    }

    @Override
    public int textCount() {
        return texts.size();
    }

    @Override
    public List<PartResult> answer(List<String> parts, Map<String, String> notes) {
        ContextString context = ContextString.of(parts);
        TokenText text = match(context, notes);
        int count = parts.size();
        double[] sums = new double[count];
        int[] tokens = new int[count];
        int[] firstToken = new int[count];
        java.util.Arrays.fill(firstToken, -1);
        for (int k = 0; k < text.tokenStart().length; k++) {
            int part = owner(context, text.tokenStart()[k], text.tokenEnd()[k]);
            if (part < 0) {
                throw new ScoringException(ErrorCode.INVALID_DATA, "token '" + text.text().substring(
                        text.tokenStart()[k], text.tokenEnd()[k]) + "' of " + text.file() + " (text '" + text.id()
                        + "', line " + text.lines()[k] + ") does not start in any word; it is not aligned with "
                        + context.describePart(context.partAtOrAfter(text.tokenStart()[k])));
            }
            if (Double.isNaN(text.bits()[k]) && k > 0) {
                throw new ScoringException(ErrorCode.INVALID_DATA, context.describePart(part) + " has a token without "
                        + "a log-probability in " + text.file() + " (text '" + text.id() + "', line " + text.lines()[k]
                        + "); only a text's first token may lack one");
            }
            if (firstToken[part] < 0) {
                firstToken[part] = k;
            }
            sums[part] += text.bits()[k];
            tokens[part]++;
        }
        List<PartResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (context.partStart(i) < 0) {
                results.add(new PartResult(parts.get(i), 0.0, null, 0, -1));
                continue;
            }
            if (tokens[i] == 0) {
                throw new ScoringException(ErrorCode.INVALID_DATA, context.describePart(i) + " has no token of its own "
                        + "in " + text.file() + " (text '" + text.id() + "'): a token that starts in an earlier word "
                        + "covers it, so its surprisal cannot be separated");
            }
            results.add(new PartResult(parts.get(i), sums[i], null, tokens[i], firstToken[i]));
        }
        return results;
    }

    /** The part holding the token's first non-space character, or the next one for a token of spaces only. */
    private static int owner(ContextString context, int start, int end) {
        String text = context.text();
        int position = start;
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        if (position >= text.length()) {
            return context.lastNonBlankPart();
        }
        return context.partAt(position);
    }

    /** Finds the text of the call, or fails naming the first word where the closest text differs. */
    private TokenText match(ContextString context, Map<String, String> notes) {
        String wanted = context.text();
        for (TokenText text : texts) {
            if (text.text().equals(wanted)) {
                return text;
            }
        }
        TokenText best = null;
        int bestDifferences = Integer.MAX_VALUE;
        int bestFirst = -1;
        for (TokenText text : texts) {
            if (text.text().length() != wanted.length()) {
                continue;
            }
            int differences = 0;
            int first = -1;
            for (int i = 0; i < wanted.length() && differences <= maxMismatchedCharacters; i++) {
                if (wanted.charAt(i) != text.text().charAt(i)) {
                    differences++;
                    first = first < 0 ? i : first;
                }
            }
            if (differences <= maxMismatchedCharacters && differences < bestDifferences) {
                best = text;
                bestDifferences = differences;
                bestFirst = first;
            }
        }
        if (best != null) {
            notes.put("mismatched-characters.text-" + best.id(), bestDifferences + " character(s) differ from the "
                    + "call's text, first in " + context.describePart(context.partAtOrAfter(bestFirst)) + " (file has '"
                    + best.text().charAt(bestFirst) + "' at character " + bestFirst + ")");
            return best;
        }
        throw notFound(context);
    }

    private ScoringException notFound(ContextString context) {
        String wanted = context.text();
        TokenText closest = null;
        int closestPrefix = -1;
        for (TokenText text : texts) {
            int prefix = 0;
            int limit = Math.min(wanted.length(), text.text().length());
            while (prefix < limit && wanted.charAt(prefix) == text.text().charAt(prefix)) {
                prefix++;
            }
            if (prefix > closestPrefix) {
                closest = text;
                closestPrefix = prefix;
            }
        }
        if (closest == null) {
            return new ScoringException(ErrorCode.INVALID_DATA, "the precomputed file holds no text");
        }
        String where;
        if (closestPrefix < wanted.length() && closestPrefix < closest.text().length()) {
            where = "it first differs at " + context.describePart(context.partAtOrAfter(closestPrefix))
                    + " (character " + closestPrefix + ": the file has '" + closest.text().charAt(closestPrefix) + "')";
        } else if (closestPrefix < wanted.length()) {
            where = "the text ends at character " + closestPrefix + ", before "
                    + context.describePart(context.partAtOrAfter(closestPrefix))
                    + " (one call must be one text of the file)";
        } else {
            where = "the call ends after " + context.describePart(context.lastNonBlankPart()) + ", but the text goes on";
        }
        return new ScoringException(ErrorCode.INVALID_DATA, "no text in " + closest.file() + " matches this call's "
                + "text (" + wanted.length() + " characters); the closest is text '" + closest.id() + "': " + where
                + (maxMismatchedCharacters == 0 ? "; if the texts differ only in a few characters (a typo), allow "
                + "them with the option max-mismatched-characters" : ""));
    }
}
