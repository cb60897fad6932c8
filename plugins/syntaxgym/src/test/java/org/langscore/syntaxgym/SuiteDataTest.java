package org.langscore.syntaxgym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.Score;
import org.langscore.spi.ScoringException;
import org.langscore.syntaxgym.suite.SuiteCatalog;
import org.langscore.syntaxgym.suite.SuiteFile;
import org.langscore.testing.FixedOutputSubject;

/** Where suite files come from: a local data directory or a (loopback) mirror, always checked against SHA-256. */
class SuiteDataTest {
    private static final SuiteFile CLEFT = SuiteCatalog.named("cleft").orElseThrow();

    private static Score evaluate(SyntaxGymConfig config, Path cache, Map<String, String> options) {
        try (FixedOutputSubject subject = new FixedOutputSubject("length", String::length)) {
            return new SuiteBenchmark(CLEFT, config).evaluate(subject, EvaluationContext.simple(cache, options));
        }
    }

    private static Path copyOfSharedData(Path dir) throws IOException {
        Path json = dir.resolve("syntaxgym/test_suites/json");
        Files.createDirectories(json);
        Files.copy(SharedData.dataDirectory().resolve(CLEFT.relativePath()), json.resolve("cleft.json"));
        return dir;
    }

    @Test
    void readsFromTheDataDirectoryOfTheRunOrTheConfiguration(@TempDir Path cache) {
        Score fromRun = evaluate(SyntaxGymConfig.defaults(), cache,
                Map.of("data-dir", SharedData.dataDirectory().toString()));
        Score fromConfig = evaluate(new SyntaxGymConfig(Optional.of(SharedData.dataDirectory()), SuiteCatalog.DEFAULT_SOURCE),
                cache, Map.of());
        assertEquals(fromRun.value(), fromConfig.value());
        assertEquals(SharedData.dataDirectory().resolve(CLEFT.relativePath()).toString(),
                fromRun.attributes().get("data.source"));
        assertEquals(CLEFT.sha256(), fromRun.attributes().get("data.sha256"));
    }

    @Test
    void aMissingFileNamesTheFileAndItsChecksum(@TempDir Path cache, @TempDir Path empty) {
        ScoringException e = assertThrows(ScoringException.class,
                () -> evaluate(SyntaxGymConfig.defaults(), cache, Map.of("data-dir", empty.toString())));
        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("syntaxgym/test_suites/json/cleft.json"), e.getMessage());
        assertTrue(e.getMessage().contains(CLEFT.sha256()), e.getMessage());
    }

    @Test
    void anAlteredOrTruncatedFileNamesTheFileAndItsChecksum(@TempDir Path cache, @TempDir Path dir) throws IOException {
        Path data = copyOfSharedData(dir);
        Path file = data.resolve(CLEFT.relativePath());
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"item_number\": 1,", "\"item_number\": 1 ,"));
        ScoringException altered = assertThrows(ScoringException.class,
                () -> evaluate(SyntaxGymConfig.defaults(), cache, Map.of("data-dir", data.toString())));
        assertEquals(ErrorCode.DATASET_CHECKSUM_MISMATCH, altered.code());
        assertTrue(altered.getMessage().contains(file.toString()), altered.getMessage());
        assertTrue(altered.getMessage().contains("must have sha256 " + CLEFT.sha256()), altered.getMessage());

        Files.writeString(file, text.substring(0, text.length() / 2));
        ScoringException truncated = assertThrows(ScoringException.class,
                () -> evaluate(SyntaxGymConfig.defaults(), cache, Map.of("data-dir", data.toString())));
        assertEquals(ErrorCode.DATASET_CHECKSUM_MISMATCH, truncated.code());
        assertTrue(truncated.getMessage().contains(CLEFT.sha256()), truncated.getMessage());
    }

    @Test
    void downloadsFromTheMirrorChecksAndCaches(@TempDir Path cache) throws IOException {
        byte[] good = Files.readAllBytes(SharedData.dataDirectory().resolve(CLEFT.relativePath()));
        byte[][] served = {good};
        List<String> requests = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, served[0].length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(served[0]);
            }
        });
        server.start();
        try {
            URI mirror = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/syntactic-generalization/");
            SyntaxGymConfig config = SyntaxGymConfig.from(Map.of("source-url", mirror.toString()));

            // A corrupt download is refused and leaves nothing in the cache.
            served[0] = new byte[] {'{', '}'};
            ScoringException corrupt = assertThrows(ScoringException.class, () -> evaluate(config, cache, Map.of()));
            assertEquals(ErrorCode.DATASET_CHECKSUM_MISMATCH, corrupt.code());
            assertTrue(corrupt.getMessage().contains(CLEFT.sha256()), corrupt.getMessage());
            assertFalse(Files.exists(cache.resolve(CLEFT.relativePath())));

            served[0] = good;
            Score downloaded = evaluate(config, cache, Map.of());
            assertEquals(List.of("/syntactic-generalization/test_suites/json/cleft.json",
                    "/syntactic-generalization/test_suites/json/cleft.json"), requests);
            assertEquals(mirror.resolve("test_suites/json/cleft.json").toString(), downloaded.attributes().get("data.source"));
            Path cached = cache.resolve(CLEFT.relativePath());
            assertTrue(Files.isRegularFile(cached));

            // The second run uses the cache; the mirror is not asked again.
            Score again = evaluate(config, cache, Map.of());
            assertEquals(2, requests.size());
            assertEquals(downloaded.value(), again.value());

            // An altered cached file is refused, naming it and the expected checksum.
            Files.writeString(cached, "{}");
            ScoringException altered = assertThrows(ScoringException.class, () -> evaluate(config, cache, Map.of()));
            assertEquals(ErrorCode.DATASET_CHECKSUM_MISMATCH, altered.code());
            assertTrue(altered.getMessage().contains(cached.toString()), altered.getMessage());
            assertTrue(altered.getMessage().contains(CLEFT.sha256()), altered.getMessage());
        } finally {
            server.stop(0);
        }
    }
}
