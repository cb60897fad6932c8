package org.langscore.futrell2018;

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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.runtime.DataFile;
import org.langscore.runtime.DatasetCache;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The download path, against a server on the loopback address that serves the shared files as the
 * pinned GitHub URLs would (tests never reach the network).
 */
class NaturalStoriesDownloadTest {
    @TempDir
    Path cache;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean corrupt;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Path file = SharedData.dataDirectory().resolve(exchange.getRequestURI().getPath().substring(1));
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            if (corrupt) {
                body[body.length - 2] ^= 1;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DataFile served(DataFile pinned) {
        URI local = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/" + pinned.relativePath());
        return new DataFile(pinned.relativePath(), local, pinned.sha256());
    }

    private NaturalStoriesLoader loader() {
        return new NaturalStoriesLoader(new DatasetCache(cache, Optional.empty()),
                served(NaturalStoriesFiles.STORY_WORDS), served(NaturalStoriesFiles.WORD_INFO_2016));
    }

    @Test
    void downloadsOnceVerifiesAndThenReadsTheCache() {
        assertEquals(10_256, loader().load().words().size());
        assertEquals(2, requests.get());
        assertTrue(Files.isRegularFile(cache.resolve(NaturalStoriesFiles.STORY_WORDS.relativePath())));
        assertEquals(10_256, loader().load().words().size());
        assertEquals(2, requests.get(), "the second load reads the cache");
    }

    @Test
    void anAlteredDownloadIsRefusedAndNotCached() {
        corrupt = true;
        ScoringException error = assertThrows(ScoringException.class, () -> loader().load());
        assertEquals(ErrorCode.DATASET_CHECKSUM_MISMATCH, error.code());
        assertTrue(error.getMessage().contains(NaturalStoriesFiles.STORY_WORDS.sha256()), error.getMessage());
        assertFalse(Files.exists(cache.resolve(NaturalStoriesFiles.STORY_WORDS.relativePath())));
    }
}
