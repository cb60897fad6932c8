package org.langscore.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.testing.SharedData;

/**
 * {@code langscore score} as a user runs it: the packaged application in its own JVM, with the Quarkus
 * Messaging channels built in and {@code LANGSCORE_AMQP_URL} naming a port where nothing listens. The
 * command line must start, score and exit 0 without ever trying the broker: no connection attempt
 * in its log (verbose, so that the RabbitMQ client's INFO lines would show).
 */
class ScoreWithoutBrokerIT {
    @TempDir
    Path home;

    @Test
    void scoreStartsAndScoresWithTheBrokerUnreachable() throws Exception {
        Path application = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(application), "the packaged application is built first: " + application);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path shared = SharedData.root();
        Path log = home.resolve("score.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                application.toString(), "score", "--verbose", "--model",
                shared.resolve("fixtures/hf-tiny/gpt2-realtok-0").toString(), "--benchmark", "syntaxgym-mvrr",
                "--data-dir", shared.resolve("data").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LANGSCORE_HOME", home.resolve("home").toString());
        builder.environment().put("LANGSCORE_AMQP_URL", "amqp://guest:guest@127.0.0.1:" + closedPort + "/%2F");
        Process score = builder.start();
        try {
            assertTrue(score.waitFor(300, TimeUnit.SECONDS), "score ends");
            String output = Files.readString(log);
            assertEquals(0, score.exitValue(), output);
            assertTrue(output.contains("syntaxgym-mvrr"), output);
            // The client logs "Connecting to", then "Could not connect to rabbitmq" and its reconnects; the
            // connector logs SRMSG17007 once connected. Creating (and stopping) the unused client is no attempt.
            String lower = output.toLowerCase(Locale.ROOT);
            for (String attempt : List.of("connecting to", "could not connect", "reconnect", "connection refused",
                    "srmsg17007", ":" + closedPort)) {
                assertFalse(lower.contains(attempt), "no broker was tried (" + attempt + "): " + output);
            }
        } finally {
            score.destroyForcibly();
        }
    }
}
