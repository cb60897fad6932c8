package org.langscore.web.queue;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.langscore.web.fake.FakeModel;
import org.langscore.web.service.PlatformRuntime;
import org.langscore.web.testing.Api;
import org.langscore.web.testing.Broker;
import org.langscore.web.testing.PlatformServers;

/**
 * Faults injected into the real RabbitMQ and PostgreSQL while jobs run: a broker restart during a job
 * and during a submission, a consumer timeout shorter than a job, the worker's database connections
 * ended, and a subject that overflows its stack. Each test ends with every accepted job SUCCEEDED, or
 * FAILED with its reason, and exactly one score row per (model, benchmark, version, policy). The fake
 * subjects take seconds, so that the faults can be placed in the middle of a job.
 */
@QuarkusTest
@QuarkusTestResource(PlatformServers.class)
class QueueFaultIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    PlatformRuntime platform;

    @BeforeEach
    void start() {
        Api.configureJson();
        platform.start();
    }

    private static long model(String name, long millisPerWord, FakeModel.Fault fault) throws Exception {
        Path folder = PlatformServers.modelsRoot().resolve(name + "-" + UUID.randomUUID());
        return Api.register(FakeModel.write(folder, 1.0, millisPerWord, false, fault));
    }

    private static List<String> submit(long modelId, String... benchmarks) {
        Response response = Api.submit(Map.of("model", Long.toString(modelId), "benchmarks", List.of(benchmarks)));
        response.then().statusCode(202);
        return response.jsonPath().getList("jobs.id");
    }

    private static JsonPath job(String jobId) {
        return given().get("/api/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
    }

    // The API itself may answer 500 once while its database connections are being replaced.
    private static void awaitRunning(String jobId) {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            JsonPath job = job(jobId);
            return "RUNNING".equals(job.getString("state")) && job.getDouble("progress") > 0;
        });
    }

    private static void awaitState(String jobId, String state) {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> state.equals(Api.state(jobId)));
    }

    /** Exactly one score row (successful, or the failure) for each of the model's benchmarks. */
    private static void assertOneScoreEach(long modelId, int benchmarks) {
        JsonPath scores = given().queryParam("model", modelId).get("/api/scores").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(benchmarks, scores.getInt("count"), "score rows of model " + modelId + ": " + scores.prettify());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < benchmarks; i++) {
            keys.add(scores.getString("items[" + i + "].benchmark") + " v" + scores.getInt("items[" + i + "].benchmarkVersion")
                    + " " + scores.getString("items[" + i + "].policy"));
        }
        assertEquals(benchmarks, keys.stream().distinct().count(), keys.toString());
    }

    @Test
    void brokerRestartDuringAJobAndDuringASubmissionLosesNoJob() throws Exception {
        long running = model("restart-running", 250, FakeModel.Fault.NONE);
        long submittedWhileDown = model("restart-submitted", 0, FakeModel.Fault.NONE);
        long submittedAfter = model("restart-after", 0, FakeModel.Fault.NONE);
        try (JobQueue.Consumers worker = platform.startWorker("it-restart", 1)) {
            String runningJob = submit(running, "fake-reading").get(0);
            awaitRunning(runningJob);
            List<String> accepted;
            try {
                Broker.stopApp();
                // Recorded in the database and accepted; published once the broker is back.
                accepted = submit(submittedWhileDown, "fake-reading", "fake-engineering");
                assertEquals(2, accepted.size());
                for (String id : accepted) {
                    assertEquals("QUEUED", Api.state(id));
                }
            } finally {
                Broker.startApp();
            }
            // The first submission after the restart (it answered 500 when the channel died with the broker).
            String afterRestart = submit(submittedAfter, "fake-reading").get(0);

            for (String id : List.of(runningJob, accepted.get(0), accepted.get(1), afterRestart)) {
                awaitState(id, "SUCCEEDED");
            }
            assertEquals(1, job(runningJob).getInt("attempts"), "the job that ran through the restart ran once");
            assertOneScoreEach(running, 1);
            assertOneScoreEach(submittedWhileDown, 2);
            assertOneScoreEach(submittedAfter, 1);
        }
    }

    @Test
    void aJobLongerThanTheConsumerTimeoutFinishesAndTheWorkerGoesOn() throws Exception {
        String timeout = Broker.setting("consumer_timeout");
        String tick = Broker.setting("channel_tick_interval");
        try {
            // 4 s instead of 30 min, checked every second instead of every minute: on channels opened from now.
            Broker.set("consumer_timeout", "4000");
            Broker.set("channel_tick_interval", "1000");
            long slow = model("timeout-slow", 600, FakeModel.Fault.NONE);
            long next = model("timeout-next", 0, FakeModel.Fault.NONE);
            try (JobQueue.Consumers worker = platform.startWorker("it-timeout", 1)) {
                // 12 words at 600 ms: about 7 s, longer than the consumer timeout.
                String slowJob = submit(slow, "fake-reading").get(0);
                awaitRunning(slowJob);
                String nextJob = submit(next, "fake-reading").get(0);
                awaitState(slowJob, "SUCCEEDED");
                awaitState(nextJob, "SUCCEEDED");
                assertEquals(1, job(slowJob).getInt("attempts"));
                assertEquals(1, job(nextJob).getInt("attempts"));
                assertEquals("it-timeout-0", job(nextJob).getString("workerId"), "the consumer lived on");
                assertOneScoreEach(slow, 1);
                assertOneScoreEach(next, 1);
            }
        } finally {
            Broker.restore("consumer_timeout", timeout);
            Broker.restore("channel_tick_interval", tick);
        }
    }

    @Test
    void endedDatabaseConnectionsMidJobEndInAFinishedJob() throws Exception {
        long modelId = model("pg-terminated", 250, FakeModel.Fault.NONE);
        try (JobQueue.Consumers worker = platform.startWorker("it-pg", 1)) {
            String jobId = submit(modelId, "fake-reading").get(0);
            awaitRunning(jobId);
            assertTrue(PlatformServers.terminateConnections() > 0, "the worker's connections were ended");
            Thread.sleep(1000);
            PlatformServers.terminateConnections();
            awaitState(jobId, "SUCCEEDED");
            assertOneScoreEach(modelId, 1);
        }
    }

    @Test
    void aStackOverflowEndsTheAttemptAndTheConsumerRunsTheNextJob() throws Exception {
        long overflowing = model("overflow", 0, FakeModel.Fault.STACK_OVERFLOW);
        long fine = model("after-overflow", 0, FakeModel.Fault.NONE);
        try (JobQueue.Consumers worker = platform.startWorker("it-overflow", 1)) {
            String overflowJob = submit(overflowing, "fake-reading").get(0);
            String fineJob = submit(fine, "fake-reading").get(0);
            awaitState(overflowJob, "FAILED");
            awaitState(fineJob, "SUCCEEDED");
            JsonPath failed = job(overflowJob);
            assertEquals(3, failed.getInt("attempts"));
            assertTrue(failed.getString("lastError").contains("failed after 3 attempt(s): StackOverflowError"),
                    failed.getString("lastError"));
            assertEquals("it-overflow-0", job(fineJob).getString("workerId"));
            assertOneScoreEach(overflowing, 1);
            JsonPath failure = given().queryParam("model", overflowing).get("/api/scores").then().extract().jsonPath();
            assertTrue(failure.getString("items[0].error").contains("StackOverflowError"));
            assertNull(failure.get("items[0].value"));
            assertOneScoreEach(fine, 1);
        }
    }
}
