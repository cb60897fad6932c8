package org.langscore.web.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/** Which failures a worker tries again. */
class EvaluationWorkerTest {
    @Test
    void lackOfMemoryIsNotRetriedAndOtherFailuresAre() {
        assertFalse(EvaluationWorker.retryable(new ScoringException(ErrorCode.INSUFFICIENT_MEMORY, "too large")));
        assertTrue(EvaluationWorker.retryable(new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "poisoned")));
        assertTrue(EvaluationWorker.retryable(new ScoringException(ErrorCode.DOWNLOAD_FAILED, "broke off")));
        assertTrue(EvaluationWorker.retryable(new StackOverflowError()));
        assertTrue(EvaluationWorker.retryable(new IllegalStateException("a bug")));
    }
}
