package org.langscore.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.langscore.spi.ErrorCode;

class ProblemMapperTest {
    /** Issue 14: DOWNLOAD_FAILED answered 400, as if the client had erred. */
    @Test
    void theStatusFollowsTheErrorCode() {
        assertEquals(502, ProblemMapper.status(ErrorCode.DOWNLOAD_FAILED));
        assertEquals(502, ProblemMapper.status(ErrorCode.DATASET_CHECKSUM_MISMATCH));
        assertEquals(400, ProblemMapper.status(ErrorCode.INVALID_ARGUMENT));
        assertEquals(404, ProblemMapper.status(ErrorCode.UNKNOWN_MODEL));
        assertEquals(503, ProblemMapper.status(ErrorCode.INSUFFICIENT_MEMORY));
        for (ErrorCode code : ErrorCode.values()) {
            int status = ProblemMapper.status(code);
            if (!code.isUserError()) {
                assertEquals(500, status, code + " is a bug");
            } else if (code != ErrorCode.PLUGIN_LOAD_FAILED) {
                // A broken plugin jar is the operator's, not the client's: 500 as well.
                assertTrue(status >= 400 && status < 600 && status != 500, code + " -> " + status);
            }
        }
    }
}
