package org.langscore.web.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code langscore serve} on a fresh machine: the packaged application in its own JVM with a new,
 * empty home and no database or queue configured, as whatever user runs the tests (root on this
 * machine and in CI). It starts its embedded PostgreSQL, answers {@code GET /api/leaderboard}, and
 * stops the database when it is stopped.
 */
class ServeEmbeddedIT {
    @Test
    void serveWithNoConfigurationStartsTheEmbeddedDatabaseAndAnswersTheLeaderboard() throws Exception {
        Path application = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(application), "the packaged application is built first: " + application);
        Path home = Path.of("target", "fresh-home-" + UUID.randomUUID()).toAbsolutePath();
        Path log = Path.of("target", "serve-embedded-child.log").toAbsolutePath();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", application.toString(), "serve", "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LANGSCORE_HOME", home.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("LANGSCORE_DB_")
                || name.equals("LANGSCORE_AMQP_URL") || name.startsWith("QUARKUS_DATASOURCE"));
        Process serve = builder.start();
        try {
            await().atMost(Duration.ofSeconds(180)).until(() -> !serve.isAlive()
                    || Files.readString(log).contains("langscore: serving on"));
            String started = Files.readString(log);
            assertTrue(serve.isAlive(), "serve started: " + started);
            assertTrue(started.contains("langscore: embedded PostgreSQL on 127.0.0.1:"), started);
            assertTrue(Files.isRegularFile(home.resolve("postgres/data/PG_VERSION")), "data in the home: " + home);
            assertTrue(Files.isRegularFile(home.resolve("postgres/data/postmaster.pid")), "the server runs");

            HttpResponse<String> leaderboard = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/leaderboard")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, leaderboard.statusCode(), leaderboard.body());
            assertTrue(leaderboard.body().contains("\"rows\":[]"), "no model yet: " + leaderboard.body());

            serve.destroy();
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve stops on SIGTERM");
            assertFalse(Files.exists(home.resolve("postgres/data/postmaster.pid")),
                    "the embedded PostgreSQL stopped with serve: " + Files.readString(log));
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
            serve.destroyForcibly();
        }
    }
}
