package org.langscore.syntaxgym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;
import org.langscore.syntaxgym.suite.SuiteCatalog;

class SyntaxGymConfigTest {

    @Test
    void defaultsDownloadFromThePinnedCommit() {
        SyntaxGymConfig config = SyntaxGymConfig.from(Map.of());
        assertEquals(Optional.empty(), config.dataDirectory());
        assertEquals(SuiteCatalog.DEFAULT_SOURCE, config.sourceBase());
        assertEquals(SyntaxGymConfig.defaults(), config);
    }

    @Test
    void explicitKeys() {
        SyntaxGymConfig config = SyntaxGymConfig.from(Map.of("data-dir", "/data/langscore", "source-url",
                "http://127.0.0.1:8080/mirror"));
        assertEquals(Optional.of(Path.of("/data/langscore")), config.dataDirectory());
        assertEquals(URI.create("http://127.0.0.1:8080/mirror/"), config.sourceBase(), "a trailing slash is added");
    }

    @Test
    void theRunOptionOverridesTheConfiguredDataDirectory() {
        SyntaxGymConfig config = SyntaxGymConfig.from(Map.of("data-dir", "/configured"));
        assertEquals(Optional.of(Path.of("/run")), config.withRunOptions(Map.of("data-dir", "/run")).dataDirectory());
        assertEquals(Optional.of(Path.of("/configured")), config.withRunOptions(Map.of()).dataDirectory());
        assertEquals(Optional.of(Path.of("/run")), SyntaxGymConfig.defaults().withRunOptions(Map.of("data-dir", "/run"))
                .dataDirectory());
    }

    @Test
    void aBadSourceUrlNamesTheKey() {
        ScoringException notHttp = assertThrows(ScoringException.class,
                () -> SyntaxGymConfig.from(Map.of("source-url", "ftp://example.org/")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, notHttp.code());
        assertTrue(notHttp.getMessage().contains("source-url = 'ftp://example.org/'"), notHttp.getMessage());
        ScoringException notUrl = assertThrows(ScoringException.class,
                () -> SyntaxGymConfig.from(Map.of("source-url", "http://exa mple")));
        assertTrue(notUrl.getMessage().contains("is not a URL"), notUrl.getMessage());
        assertTrue(notUrl.getCause() != null);
    }
}
