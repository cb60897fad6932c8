package org.langscore.huggingface.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

import org.langscore.huggingface.model.DjlEnvironment;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * A model's HuggingFace tokenizer ({@code tokenizer.json}, plus {@code tokenizer_config.json} when
 * present) on DJL's bindings of the Rust {@code tokenizers} library, with truncation and padding turned
 * off so that a text of any length keeps all its tokens.
 *
 * <p>Spans are returned in Java {@code char} indices: the library reports code-point indices, which
 * differ from {@code char} indices after a character outside the Basic Multilingual Plane.
 *
 * <p>Thread-safe for encoding and decoding; {@link #close()} releases the native tokenizer.
 */
public final class ModelTokenizer implements AutoCloseable {
    /** The file that holds the tokenizer. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;
    private final boolean addsBos;

    private ModelTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        TokenizedText probe = encode("a");
        this.addsBos = probe.size() > 0 && probe.special()[0];
    }

    /**
     * Loads the tokenizer of a model folder.
     *
     * @param folder the folder holding {@code tokenizer.json}
     * @return the tokenizer; the caller closes it
     * @throws ScoringException naming the file when it is missing or unreadable
     */
    public static ModelTokenizer load(Path folder) {
        Path file = folder.resolve(TOKENIZER_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "the model folder " + folder + " has no "
                    + TOKENIZER_FILE + " (expected " + file + ")");
        }
        DjlEnvironment.init();
        Map<String, String> options = Map.of(
                "truncation", "false",
                "padding", "false",
                "addSpecialTokens", "true",
                "withOverflowingTokens", "false");
        try {
            return new ModelTokenizer(HuggingFaceTokenizer.newInstance(folder, options));
        } catch (IOException | RuntimeException e) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "cannot load the tokenizer " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * @return true when the tokenizer puts a special token (BOS) before every text; that token then predicts
     *     the text's first token
     */
    public boolean addsBos() {
        return addsBos;
    }

    /**
     * Tokenizes a text with the tokenizer's special tokens, never truncated.
     *
     * @param text the text
     * @return the tokens with their spans in {@code char} indices of {@code text}
     */
    public TokenizedText encode(String text) {
        Encoding encoding = tokenizer.encode(text, true, false);
        long[] ids = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        long[] specialMask = encoding.getSpecialTokenMask();
        CodePointIndex index = new CodePointIndex(text);
        int n = ids.length;
        int[] tokenIds = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        boolean[] special = new boolean[n];
        for (int i = 0; i < n; i++) {
            tokenIds[i] = Math.toIntExact(ids[i]);
            special[i] = specialMask[i] != 0;
            CharSpan span = spans[i];
            if (span == null) {
                // A token without a span is one the post-processor added; it covers no text.
                starts[i] = 0;
                ends[i] = 0;
            } else {
                starts[i] = index.charIndex(span.getStart());
                ends[i] = index.charIndex(span.getEnd());
            }
        }
        return new TokenizedText(text, tokenIds, starts, ends, special);
    }

    /**
     * Decodes one token the way HuggingFace's {@code tokenizer.decode(id)} does (special tokens kept).
     *
     * @param tokenId the token id
     * @return its text
     */
    public String decode(int tokenId) {
        return tokenizer.decode(new long[] {tokenId}, false);
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** Converts code-point indices of one string to {@code char} indices. */
    private static final class CodePointIndex {
        private final String text;
        private final boolean bmpOnly;

        CodePointIndex(String text) {
            this.text = text;
            this.bmpOnly = text.codePointCount(0, text.length()) == text.length();
        }

        int charIndex(int codePointIndex) {
            if (bmpOnly) {
                return Math.min(codePointIndex, text.length());
            }
            int codePoints = text.codePointCount(0, text.length());
            return text.offsetByCodePoints(0, Math.min(codePointIndex, codePoints));
        }
    }
}
