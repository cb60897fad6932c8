package org.langscore.web.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

class SecretsTest {
    @Test
    void passwordsOfJdbcAndAmqpUrlsAreMasked() {
        assertEquals("jdbc:postgresql://db:5432/langscore?user=ls&password=***&ssl=true",
                Secrets.maskUrl("jdbc:postgresql://db:5432/langscore?user=ls&password=s3cr3t&ssl=true"));
        assertEquals("jdbc:postgresql://ls:***@db/langscore", Secrets.maskUrl("jdbc:postgresql://ls:s3cr3t@db/langscore"));
        assertEquals("amqp://guest:***@127.0.0.1:5672/%2F", Secrets.maskUrl("amqp://guest:guest@127.0.0.1:5672/%2F"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/langscore", Secrets.maskUrl("jdbc:postgresql://127.0.0.1:5432/langscore"));
        assertNull(Secrets.maskUrl(null));
    }

    /** Issue 14: an unreachable broker gave a stack trace (an INTERNAL error) instead of one line. */
    @Test
    void anUnreachableBrokerIsOneLineWithoutThePassword() {
        ScoringException e = assertThrows(ScoringException.class,
                () -> new org.langscore.web.queue.BrokerConnection("amqp://guest:hunter2@127.0.0.1:1/%2F", "test",
                        channel -> { }).get());
        assertTrue(e.code().isUserError(), "an environment problem, shown without a stack trace: " + e.code());
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:1") && e.getMessage().contains("LANGSCORE_AMQP_URL"), e.getMessage());
    }
}
