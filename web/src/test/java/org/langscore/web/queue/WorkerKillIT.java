package org.langscore.web.queue;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.langscore.web.fake.FakeModel;
import org.langscore.web.service.PlatformRuntime;
import org.langscore.web.testing.Api;
import org.langscore.web.testing.EventRecorder;
import org.langscore.web.testing.PlatformServers;
import org.langscore.web.testing.PluginJar;

/**
 * A worker in a second JVM (the packaged application, {@code langscore worker}) is killed with
 * SIGKILL in the middle of a job. Its message was acknowledged when it took the job; once the dead
 * worker's lease has run out (by the database's clock), the dispatcher publishes the job again and
 * another worker finishes it with one score.
 */
@QuarkusTest
@QuarkusTestResource(PlatformServers.class)
class WorkerKillIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    PlatformRuntime platform;

    @BeforeEach
    void start() {
        Api.configureJson();
        platform.start();
    }

    @Test
    void jobOfAKilledWorkerIsFinishedByAnotherWithOneScore() throws Exception {
        Path application = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(application), "the packaged application is built first: " + application);
        Path home = Files.createTempDirectory(PlatformServers.modelsRoot().getParent(), "child-home");
        PluginJar.writeFakePlugin(home.resolve("plugins"));
        Path log = Path.of("target", "worker-kill-child.log").toAbsolutePath();

        // 12 words at 400 ms each: the job runs about 5 s, long enough to kill it in the middle.
        long modelId = Api.register(FakeModel.write(
                PlatformServers.modelsRoot().resolve("killed-" + UUID.randomUUID()), 1.0, 400, false));
        List<String> command = new ArrayList<>(PluginJar.javaCommand());
        command.addAll(List.of("-Dquarkus.http.host-enabled=false",
                "-Dquarkus.datasource.jdbc.url=" + PlatformServers.JDBC_URL, "-Dquarkus.datasource.username=postgres",
                "-Dlangscore.amqp.url=" + PlatformServers.AMQP_URL, "-Dlangscore.amqp.prefix=" + PlatformServers.PREFIX,
                "-Dlangscore.worker.lease=PT2S", "-Dlangscore.worker.heartbeat=PT0.2S",
                "-Dlangscore.queue.sweep-interval=PT0.5S",
                "-Dlangscore.home=" + home, "-jar", application.toString(), "worker", "--id", "child"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("LANGSCORE_HOME", home.toString());
        Process child = builder.start();
        try (EventRecorder events = new EventRecorder(PlatformServers.PREFIX)) {
            await().atMost(PATIENCE).until(() -> !child.isAlive() || Files.readString(log).contains("worker child running"));
            assertTrue(child.isAlive(), "the child worker started: " + Files.readString(log));

            String jobId = Api.submit(Map.of("model", Long.toString(modelId), "benchmarks", List.of("fake-reading")))
                    .then().statusCode(202).extract().jsonPath().getString("jobs[0].id");
            await().atMost(PATIENCE).until(() -> {
                JsonPath job = given().get("/api/jobs/" + jobId).then().extract().jsonPath();
                return "RUNNING".equals(job.getString("state")) && "child-0".equals(job.getString("workerId"))
                        && job.getDouble("progress") > 0;
            });
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");
            assertEquals("RUNNING", Api.state(jobId), "the dead worker still holds the job");

            try (JobQueue.Consumers rescue = platform.startWorker("it-rescue", 1)) {
                await().atMost(PATIENCE).until(() -> Api.state(jobId).equals("SUCCEEDED"));
                await().atMost(PATIENCE).until(() -> events.typesOf(jobId).contains("job.succeeded"));
            }
            JsonPath job = given().get("/api/jobs/" + jobId).then().extract().jsonPath();
            assertEquals(2, job.getInt("attempts"), "the killed attempt and the one that finished");
            assertEquals("it-rescue-0", job.getString("workerId"));
            List<String> types = events.typesOf(jobId);
            assertEquals(2, Collections.frequency(types, "job.started"), types.toString());
            assertEquals(1, Collections.frequency(types, "score.recorded"), types.toString());
            assertEquals(1, Collections.frequency(types, "job.succeeded"), types.toString());
            JsonPath scores = given().queryParam("model", modelId).get("/api/scores").then().extract().jsonPath();
            assertEquals(1, scores.getInt("count"));
            assertEquals(0.0525 / 0.05 > 1 ? 1.0 : 0.0525 / 0.05, scores.getDouble("items[0].value"), 1e-12);
            assertEquals(0.0525, scores.getDouble("items[0].raw"), 1e-12);
        } finally {
            child.destroyForcibly();
        }
    }
}
