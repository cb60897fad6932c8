package org.langscore.web.server;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.langscore.web.fake.FakeModel;
import org.langscore.web.testing.Api;
import org.langscore.web.testing.PlatformServers;
import org.langscore.web.testing.PluginJar;

/**
 * {@code langscore serve} as a user starts it: the packaged application in its own JVM, with a
 * PostgreSQL URL and no RabbitMQ, so that the queue and the worker run in the process. A model is
 * registered, evaluated, and shows on {@code GET /api/leaderboard}; a job running when serve is
 * stopped goes back to the queue.
 */
@QuarkusTest
@QuarkusTestResource(PlatformServers.class)
class ServeIT {
    @Test
    void serveWithAnInProcessQueueScoresAndAnswersTheLeaderboard() throws Exception {
        Path application = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(application), "the packaged application is built first: " + application);
        Path home = Files.createTempDirectory(PlatformServers.modelsRoot().getParent(), "serve-home");
        PluginJar.writeFakePlugin(home.resolve("plugins"));
        Path log = Path.of("target", "serve-child.log").toAbsolutePath();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(PluginJar.javaCommand());
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dlangscore.api.tokens=" + PlatformServers.TOKEN,
                "-Dlangscore.models.roots=" + PlatformServers.modelsRoot(),
                "-jar", application.toString(), "serve", "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LANGSCORE_HOME", home.toString());
        builder.environment().put("LANGSCORE_DB_URL", PlatformServers.JDBC_URL);
        builder.environment().remove("LANGSCORE_AMQP_URL");
        Process serve = builder.start();
        String base = "http://127.0.0.1:" + port;
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> !serve.isAlive()
                    || Files.readString(log).contains("langscore: serving on"));
            assertTrue(serve.isAlive(), "serve started: " + Files.readString(log));
            assertTrue(Files.readString(log).contains("queue in this process"), Files.readString(log));

            Path folder = FakeModel.write(PlatformServers.modelsRoot().resolve("served-" + UUID.randomUUID()), 0.5, 0,
                    false);
            long modelId = request(base).auth().oauth2(PlatformServers.TOKEN).body(Map.of("path", folder.toString()))
                    .post("/api/models").then().statusCode(201).extract().jsonPath().getLong("id");
            String jobId = request(base).auth().oauth2(PlatformServers.TOKEN)
                    .body(Map.of("model", Long.toString(modelId), "benchmarks", List.of("fake-reading")))
                    .post("/api/evaluations").then().statusCode(202).extract().jsonPath().getString("jobs[0].id");
            await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(
                    given().baseUri(base).get("/api/jobs/" + jobId).then().extract().jsonPath().getString("state")));

            Api.configureJson();
            JsonPath leaderboard = given().baseUri(base).get("/api/leaderboard").then().statusCode(200).extract()
                    .jsonPath();
            Map<String, Object> cells = leaderboard.getMap("rows.find { it.modelId == " + modelId + " }.cells");
            assertEquals(0.525, ((Number) cells.get("fake-reading")).doubleValue(), 1e-12);
            given().baseUri(base).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

            // Stopping serve (SIGTERM) in the middle of a job puts the job back in the queue.
            // 12 words at 800 ms: the job shows progress from the first heartbeat (2 s) for several seconds,
            // long enough for a poll on a loaded machine to see it before the job would finish.
            Path slow = FakeModel.write(PlatformServers.modelsRoot().resolve("interrupted-" + UUID.randomUUID()), 1.0,
                    800, false);
            long slowId = request(base).auth().oauth2(PlatformServers.TOKEN).body(Map.of("path", slow.toString()))
                    .post("/api/models").then().statusCode(201).extract().jsonPath().getLong("id");
            String slowJob = request(base).auth().oauth2(PlatformServers.TOKEN)
                    .body(Map.of("model", Long.toString(slowId), "benchmarks", List.of("fake-reading")))
                    .post("/api/evaluations").then().statusCode(202).extract().jsonPath().getString("jobs[0].id");
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonPath job = given().baseUri(base).get("/api/jobs/" + slowJob).then().extract().jsonPath();
                return "RUNNING".equals(job.getString("state")) && job.getDouble("progress") > 0;
            });
            serve.destroy();
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve stops on SIGTERM");
            JsonPath stopped = given().get("/api/jobs/" + slowJob).then().statusCode(200).extract().jsonPath();
            assertEquals("QUEUED", stopped.getString("state"), "released, not cancelled: " + Files.readString(log));
            assertTrue(stopped.getString("lastError").contains("stopped before it finished"),
                    stopped.getString("lastError"));
            given().auth().oauth2(PlatformServers.TOKEN).post("/api/jobs/" + slowJob + "/cancel").then().statusCode(200);
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
            serve.destroyForcibly();
        }
    }

    private static RequestSpecification request(String base) {
        return given().baseUri(base).contentType(ContentType.JSON);
    }
}
