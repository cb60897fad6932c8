package org.langscore.web.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class BearerTokensTest {
    @Test
    void acceptsPlainAndHashedTokensOnly() {
        String hashed = "sha256:" + HexFormat.of().formatHex(BearerTokens.sha256("second-secret"));
        BearerTokens tokens = new BearerTokens(List.of("first-secret", hashed));
        assertTrue(tokens.accepts("first-secret"));
        assertTrue(tokens.accepts("second-secret"));
        assertFalse(tokens.accepts("first-secre"));
        assertFalse(tokens.accepts(""));
        assertFalse(tokens.accepts(null));
        assertFalse(tokens.accepts(hashed), "the digest itself is not a token");
    }

    @Test
    void noTokensMeansNothingIsAccepted() {
        BearerTokens tokens = new BearerTokens(List.of(" "));
        assertTrue(tokens.isEmpty());
        assertFalse(tokens.accepts(" "));
    }

    @Test
    void malformedDigestIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BearerTokens(List.of("sha256:xyz")));
    }
}
