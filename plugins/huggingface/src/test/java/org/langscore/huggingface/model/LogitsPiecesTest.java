package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scoring a piece of the vocabulary at a time (a running log-sum-exp over pieces, so that no {@code [n, V]}
 * logits array is written) gives the log-probabilities and argmaxes of scoring the whole vocabulary at once:
 * the same float32 logits, only the normaliser summed in another order (tolerance 2e-6 nats; the argmax,
 * the first of equal maxima, identical). Pieces of a few rows cross every boundary: uneven last pieces,
 * a head with a bias (Phi), tied and untied heads, both product precisions.
 */
class LogitsPiecesTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-realtok-0", "gpt2-0", "llama-0", "phi-0", "gemma-0", "opt-0"})
    void vocabularyInPiecesScoresAsTheWholeVocabulary(String fixture) {
        try (CausalLanguageModel loaded = ModelLoader.load(Fixtures.folder(fixture))) {
            DecoderModel model = (DecoderModel) loaded;
            int vocab = model.info().vocabSize();
            // 24 ids spread over the whole vocabulary, so that targets fall in many pieces
            java.util.Random random = new java.util.Random(3);
            int[] ids = new int[24];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = random.nextInt(vocab);
            }
            int[] targets = Fixtures.nextTargets(ids);
            for (ProductPrecision precision : ProductPrecision.values()) {
                model.useProducts(precision);
                model.useLogitsPieceBytes(DecoderModel.LOGITS_PIECE_BYTES);
                TokenScores whole = score(model, ids, targets);
                // 7 vocabulary rows per piece: the last piece is short unless 7 divides V
                model.useLogitsPieceBytes(7L * 4 * ids.length);
                TokenScores pieces = score(model, ids, targets);
                double[] expected = whole.logProbs();
                double[] actual = pieces.logProbs();
                assertEquals(expected.length, actual.length);
                for (int i = 0; i < expected.length; i++) {
                    if (targets[i] < 0) {
                        assertTrue(Double.isNaN(actual[i]), fixture + ": no target, no score at " + i);
                    } else {
                        assertEquals(expected[i], actual[i], 2e-6, fixture + " " + precision + " token " + i
                                + " (V=" + vocab + ")");
                    }
                }
                assertArrayEquals(whole.argmax(), pieces.argmax(), fixture + " " + precision + " argmax");
            }
        }
    }

    private static TokenScores score(CausalLanguageModel model, int[] ids, int[] targets) {
        try (KvCache cache = model.newCache()) {
            return model.forward(cache, ids, Fixtures.positions(ids.length), targets, 0);
        }
    }
}
