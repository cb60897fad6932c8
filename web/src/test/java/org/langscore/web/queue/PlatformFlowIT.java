package org.langscore.web.queue;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.db.EvaluationJobRepository;
import org.langscore.db.JobState;
import org.langscore.db.ScoreEntity;
import org.langscore.db.ScoreRepository;
import org.langscore.web.fake.FakeModel;
import org.langscore.web.service.PlatformRuntime;
import org.langscore.web.testing.Api;
import org.langscore.web.testing.EventRecorder;
import org.langscore.web.testing.PlatformServers;

/**
 * The evaluation queue end to end against the real PostgreSQL and RabbitMQ: submit, a worker scores,
 * the score is stored, events arrive in order; a redelivered message changes nothing; a poison job
 * ends FAILED in the dead-letter queue, and so does a malformed message, with the consumer going on;
 * two workers share ten jobs without running one twice.
 */
@QuarkusTest
@QuarkusTestResource(PlatformServers.class)
class PlatformFlowIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    PlatformRuntime platform;

    @Inject
    EvaluationWorker worker;

    @Inject
    EvaluationJobRepository jobs;

    @Inject
    ScoreRepository scores;

    @BeforeEach
    void start() {
        Api.configureJson();
        platform.start();
    }

    private static Path model(String name, double bitsPerLetter, long millisPerWord, boolean poison) throws Exception {
        return FakeModel.write(PlatformServers.modelsRoot().resolve(name + "-" + UUID.randomUUID()), bitsPerLetter,
                millisPerWord, poison);
    }

    private static String submitOne(long modelId, String benchmark) {
        Response response = Api.submit(Map.of("model", Long.toString(modelId), "benchmarks", List.of(benchmark)));
        response.then().statusCode(202);
        String jobId = response.jsonPath().getString("jobs[0].id");
        assertEquals("/api/jobs/" + jobId, response.getHeader("Location").replaceFirst("^https?://[^/]+", ""));
        return jobId;
    }

    @Test
    void submittedJobIsScoredStoredAndReportedInOrder() throws Exception {
        long modelId = Api.register(model("flow", 0.5, 50, false));
        try (EventRecorder events = new EventRecorder(PlatformServers.PREFIX);
             JobQueue.Consumers consumers = platform.startWorker("it-flow", 1)) {
            String jobId = submitOne(modelId, "fake-reading");
            await().atMost(PATIENCE).until(() -> Api.state(jobId).equals("SUCCEEDED"));

            JsonPath job = given().get("/api/jobs/" + jobId).then().extract().jsonPath();
            assertEquals(1, job.getInt("attempts"));
            assertEquals(1.0, job.getDouble("progress"), 1e-9);
            assertTrue(job.getString("workerId").startsWith("it-flow-"));

            JsonPath scoreList = given().queryParam("model", modelId).get("/api/scores").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(1, scoreList.getInt("count"));
            long scoreId = scoreList.getLong("items[0].id");
            // 0.5 bit per letter: raw = 0.5 x 63 letters / 12 words / 100 = 0.02625; ceiling 0.05.
            assertEquals(0.02625, scoreList.getDouble("items[0].raw"), 1e-12);
            assertEquals(0.525, scoreList.getDouble("items[0].value"), 1e-12);
            assertEquals(0.05, scoreList.getDouble("items[0].ceiling"), 1e-12);
            assertEquals("default", scoreList.getString("items[0].policy"));
            assertEquals(jobId, scoreList.getString("items[0].jobId"));

            String csv = given().queryParam("format", "csv").get("/api/scores/" + scoreId + "/items").then()
                    .statusCode(200).contentType("text/csv").extract().body().asString();
            List<String> lines = csv.lines().toList();
            assertEquals(13, lines.size(), csv);
            assertEquals("text,position,word,surprisal", lines.get(0));
            assertEquals("0,0,The,1.5", lines.get(1));
            assertEquals("1,4,furiously,4.5", lines.get(11));
            JsonPath items = given().get("/api/scores/" + scoreId + "/items").then().statusCode(200).extract().jsonPath();
            assertEquals("word", items.getString("[0].name"));
            assertEquals(12, items.getList("[0].rows").size());

            await().atMost(PATIENCE).until(() -> events.typesOf(jobId).contains("job.succeeded"));
            List<String> types = events.typesOf(jobId);
            List<String> withoutProgress = types.stream().filter(t -> !t.equals("job.progress")).toList();
            assertEquals(List.of("job.queued", "job.started", "score.recorded", "job.succeeded"), withoutProgress,
                    "events of job " + jobId + ": " + types);
            int firstProgress = types.indexOf("job.progress");
            assertTrue(firstProgress > types.indexOf("job.started") && types.lastIndexOf("job.progress")
                    < types.indexOf("score.recorded"), "progress between start and score: " + types);

            JsonPath leaderboard = given().get("/api/leaderboard").then().statusCode(200).extract().jsonPath();
            // Brain-Score's behavioural benchmarks; langscore's own variants never count in the parent.
            List<String> behaviour = leaderboard.getList(
                    "columns.findAll { it.kind == 'BENCHMARK' && it.parent == 'behavior' }.id");
            Map<String, Object> row = leaderboard.getMap("rows.find { it.modelId == " + modelId + " }");
            assertNotNull(row, "the model has a leaderboard row");
            @SuppressWarnings("unchecked")
            Map<String, Object> cells = (Map<String, Object>) row.get("cells");
            assertEquals(0.525, ((Number) cells.get("fake-reading")).doubleValue(), 1e-12);
            assertEquals(0.525 / behaviour.size(), ((Number) cells.get("behavior")).doubleValue(), 1e-12);
            assertEquals(0.0, ((Number) cells.get("engineering")).doubleValue(), 1e-12,
                    "a missing engineering benchmark counts as 0 in its parent");
        }
    }

    @Test
    void aBfloat16JobIsScoredBesideTheFloat32OneWithTheDtypeHandedToTheSubject() throws Exception {
        long modelId = Api.register(model("dtype", 0.5, 0, false));
        try (JobQueue.Consumers consumers = platform.startWorker("it-dtype", 1)) {
            String full = submitOne(modelId, "fake-reading");
            await().atMost(PATIENCE).until(() -> Api.state(full).equals("SUCCEEDED"));
            Response response = Api.submit(Map.of("model", Long.toString(modelId), "benchmarks",
                    List.of("fake-reading"), "dtype", "bfloat16"));
            response.then().statusCode(202);
            String reduced = response.jsonPath().getString("jobs[0].id");
            assertNotEquals(full, reduced, "a float32 score does not answer a bfloat16 job");
            await().atMost(PATIENCE).until(() -> Api.state(reduced).equals("SUCCEEDED"));
        }
        JsonPath scoreList = given().queryParam("model", modelId).get("/api/scores").then().extract().jsonPath();
        assertEquals(2, scoreList.getInt("count"));
        for (int i = 0; i < 2; i++) {
            String dtype = scoreList.getString("items[" + i + "].dtype");
            assertEquals(dtype, scoreList.getString("items[" + i + "].policyParameters.dtype"),
                    "the subject ran with the job's dtype");
        }
        assertEquals(Set.of("float32", "bfloat16"), Set.copyOf(scoreList.getList("items.dtype", String.class)));
    }

    @Test
    void theSameMessageTwiceGivesOneScore() throws Exception {
        long modelId = Api.register(model("redelivery", 1.0, 0, false));
        String jobId = submitOne(modelId, "fake-engineering");
        // The same message again, as RabbitMQ redelivers it after a lost acknowledgement.
        platform.queue().publish(UUID.fromString(jobId));
        long handledBefore = worker.handledCount();
        try (EventRecorder events = new EventRecorder(PlatformServers.PREFIX);
             JobQueue.Consumers consumers = platform.startWorker("it-redelivery", 1)) {
            await().atMost(PATIENCE).until(() -> worker.handledCount() - handledBefore >= 2
                    && Api.state(jobId).equals("SUCCEEDED"));
            Thread.sleep(500);
            assertEquals(1, Collections.frequency(events.typesOf(jobId), "job.started"), events.typesOf(jobId).toString());
            assertEquals(1, Collections.frequency(events.typesOf(jobId), "score.recorded"), events.typesOf(jobId).toString());
            assertEquals(1, Collections.frequency(events.typesOf(jobId), "job.succeeded"), events.typesOf(jobId).toString());
        }
        JsonPath scoreList = given().queryParam("model", modelId).get("/api/scores").then().extract().jsonPath();
        assertEquals(1, scoreList.getInt("count"));
        assertEquals(0.0525, scoreList.getDouble("items[0].raw"), 1e-12);
        assertEquals(1, given().get("/api/jobs/" + jobId).then().extract().jsonPath().getInt("attempts"));

        // Writing the same key directly is a no-op as well.
        ScoreEntity again = new ScoreEntity();
        ScoreEntity stored = QuarkusTransaction.requiringNew().call(() -> scores.search(modelId, null, null).get(0));
        again.modelId = modelId;
        again.benchmark = stored.benchmark;
        again.benchmarkVersion = stored.benchmarkVersion;
        again.policy = stored.policy;
        again.rawValue = 123;
        again.langscoreVersion = "test";
        again.startedAt = Instant.now();
        again.finishedAt = Instant.now();
        ScoreRepository.Recorded recorded = QuarkusTransaction.requiringNew().call(() -> scores.recordOnce(again, List.of()));
        assertFalse(recorded.written());
        assertEquals(stored.id, recorded.scoreId());
        assertEquals(0.0525, QuarkusTransaction.requiringNew().call(() -> scores.findById(stored.id).rawValue), 1e-12);

        // The same key in bfloat16 is another score: it is written beside the float32 one, which stays.
        ScoreEntity reduced = new ScoreEntity();
        reduced.modelId = modelId;
        reduced.benchmark = stored.benchmark;
        reduced.benchmarkVersion = stored.benchmarkVersion;
        reduced.policy = stored.policy;
        reduced.dtype = "bfloat16";
        reduced.rawValue = 0.0524;
        reduced.langscoreVersion = "test";
        reduced.startedAt = Instant.now();
        reduced.finishedAt = Instant.now();
        ScoreRepository.Recorded bf16 = QuarkusTransaction.requiringNew().call(() -> scores.recordOnce(reduced, List.of()));
        assertTrue(bf16.written());
        assertNotEquals(stored.id, bf16.scoreId());
        assertEquals(0.0525, QuarkusTransaction.requiringNew().call(() -> scores.findById(stored.id).rawValue), 1e-12);
        JsonPath both = given().queryParam("model", modelId).get("/api/scores").then().extract().jsonPath();
        assertEquals(2, both.getInt("count"));
        assertEquals(Set.of("float32", "bfloat16"), Set.copyOf(both.getList("items.dtype", String.class)));
        assertEquals("float32", given().get("/api/jobs/" + jobId).then().extract().jsonPath().getString("dtype"));
    }

    @Test
    void poisonJobEndsFailedInTheDeadLetterQueueWithItsReason() throws Exception {
        long modelId = Api.register(model("poison", 1.0, 0, true));
        try (EventRecorder events = new EventRecorder(PlatformServers.PREFIX);
             JobQueue.Consumers consumers = platform.startWorker("it-poison", 1)) {
            String jobId = submitOne(modelId, "fake-reading");
            await().atMost(PATIENCE).until(() -> Api.state(jobId).equals("FAILED"));
            JsonPath job = given().get("/api/jobs/" + jobId).then().extract().jsonPath();
            assertEquals(3, job.getInt("attempts"));
            assertTrue(job.getString("lastError").contains("failed after 3 attempt(s): MODEL_LOAD_FAILED"),
                    job.getString("lastError"));
            assertTrue(job.getString("lastError").contains("poisoned"), job.getString("lastError"));
            await().atMost(PATIENCE).until(() -> events.typesOf(jobId).contains("job.failed"));
            assertEquals(List.of("job.queued", "job.started", "job.retrying", "job.started", "job.retrying",
                    "job.started", "job.failed"), events.typesOf(jobId));

            GetResponse dead = findDeadLetter(jobId);
            assertNotNull(dead, "job " + jobId + " is in the dead-letter queue");
            String reason = dead.getProps().getHeaders().get("x-langscore-reason").toString();
            assertTrue(reason.contains("poisoned"), reason);
            assertTrue(new String(dead.getBody(), StandardCharsets.UTF_8).contains(jobId));

            JsonPath failure = given().queryParam("model", modelId).get("/api/scores").then().extract().jsonPath();
            assertEquals(1, failure.getInt("count"));
            assertTrue(failure.getString("items[0].error").contains("poisoned"));
            assertNull(failure.get("items[0].value"));
        }
    }

    @Test
    void aModelTooLargeForTheMachineFailsAtOnceWithItsReason() throws Exception {
        Path folder = FakeModel.write(PlatformServers.modelsRoot().resolve("too-large-" + UUID.randomUUID()), 1.0, 0,
                false, FakeModel.Fault.INSUFFICIENT_MEMORY);
        long modelId = Api.register(folder);
        try (JobQueue.Consumers consumers = platform.startWorker("it-memory", 1)) {
            String jobId = submitOne(modelId, "fake-reading");
            await().atMost(PATIENCE).until(() -> Api.state(jobId).equals("FAILED"));
            JsonPath job = given().get("/api/jobs/" + jobId).then().extract().jsonPath();
            assertEquals(1, job.getInt("attempts"), "another attempt on this machine would be refused again");
            assertTrue(job.getString("lastError").startsWith("failed after 1 attempt(s) (not retried): INSUFFICIENT_MEMORY"),
                    job.getString("lastError"));
            assertEquals(0, FakeModel.loads(folder));
            GetResponse dead = findDeadLetter(jobId);
            assertNotNull(dead, "job " + jobId + " is in the dead-letter queue");
            assertTrue(dead.getProps().getHeaders().get("x-langscore-reason").toString().contains("INSUFFICIENT_MEMORY"));
        }
    }

    @Test
    void theWorkerChecksTheDataBeforeItLoadsTheModel() throws Exception {
        Path folder = FakeModel.write(PlatformServers.modelsRoot().resolve("no-data-" + UUID.randomUUID()), 1.0, 0,
                false);
        long modelId = Api.register(folder);
        try (JobQueue.Consumers consumers = platform.startWorker("it-data", 1)) {
            String jobId = submitOne(modelId, "fake-missing-data");
            await().atMost(PATIENCE).until(() -> Api.state(jobId).equals("FAILED"));
            String reason = given().get("/api/jobs/" + jobId).then().extract().jsonPath().getString("lastError");
            assertTrue(reason.contains("FILE_NOT_FOUND: the data file of fake-missing-data"), reason);
            assertEquals(0, FakeModel.loads(folder), "the model is never loaded for a benchmark without its data");
        }
    }

    @Test
    void aMalformedMessageIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() throws Exception {
        long modelId = Api.register(model("after-malformed", 1.0, 0, false));
        String body = "not a job message " + UUID.randomUUID();
        try (JobQueue.Consumers consumers = platform.startWorker("it-malformed", 1)) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(PlatformServers.AMQP_URL);
            try (Connection connection = factory.newConnection("langscore-it-malformed");
                 Channel channel = connection.createChannel()) {
                // Declared as JSON, but not JSON: the channel reads bytes, so the body reaches langscore.
                channel.basicPublish(PlatformServers.PREFIX + ".jobs", "job",
                        new com.rabbitmq.client.AMQP.BasicProperties.Builder().contentType("application/json").build(),
                        body.getBytes(StandardCharsets.UTF_8));
            }
            GetResponse[] dead = new GetResponse[1];
            await().atMost(PATIENCE).until(() -> (dead[0] = findDeadLetterWithBody(body)) != null);
            String reason = dead[0].getProps().getHeaders().get("x-langscore-reason").toString();
            assertTrue(reason.startsWith("malformed job message"), reason);

            // The channel's stream lives on: the same consumer runs the next job.
            String jobId = submitOne(modelId, "fake-engineering");
            await().atMost(PATIENCE).until(() -> Api.state(jobId).equals("SUCCEEDED"));
            assertEquals("it-malformed-0", given().get("/api/jobs/" + jobId).then().extract().jsonPath()
                    .getString("workerId"));
        }
    }

    private static GetResponse findDeadLetterWithBody(String body) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(PlatformServers.AMQP_URL);
        try (Connection connection = factory.newConnection("langscore-it-dead"); Channel channel = connection.createChannel()) {
            GetResponse response;
            while ((response = channel.basicGet(PlatformServers.PREFIX + ".jobs.dead", true)) != null) {
                if (new String(response.getBody(), StandardCharsets.UTF_8).equals(body)) {
                    return response;
                }
            }
            return null;
        }
    }

    private static GetResponse findDeadLetter(String jobId) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(PlatformServers.AMQP_URL);
        try (Connection connection = factory.newConnection("langscore-it-dead"); Channel channel = connection.createChannel()) {
            GetResponse response;
            while ((response = channel.basicGet(PlatformServers.PREFIX + ".jobs.dead", true)) != null) {
                Object header = response.getProps().getHeaders() == null ? null
                        : response.getProps().getHeaders().get("x-langscore-job");
                if (header != null && header.toString().equals(jobId)) {
                    return response;
                }
            }
            return null;
        }
    }

    @Test
    void twoWorkersShareTenJobsAndNoneRunsTwice() throws Exception {
        List<String> modelIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            modelIds.add(Long.toString(Api.register(model("share-" + i, 1.0 + i, 25, false))));
        }
        try (EventRecorder events = new EventRecorder(PlatformServers.PREFIX);
             JobQueue.Consumers first = platform.startWorker("it-a", 1);
             JobQueue.Consumers second = platform.startWorker("it-b", 1)) {
            Response response = Api.submit(Map.of("models", modelIds, "benchmarks", List.of("fake-reading")));
            response.then().statusCode(202);
            List<String> jobIds = response.jsonPath().getList("jobs.id");
            assertEquals(10, jobIds.size());
            await().atMost(PATIENCE).until(() -> jobIds.stream().allMatch(id -> Api.state(id).equals("SUCCEEDED")));
            await().atMost(PATIENCE).until(() -> jobIds.stream().allMatch(id -> events.typesOf(id).contains("job.succeeded")));

            Set<String> workers = new HashSet<>();
            for (String id : jobIds) {
                EvaluationJobEntity job = QuarkusTransaction.requiringNew().call(() -> jobs.findById(UUID.fromString(id)));
                assertEquals(JobState.SUCCEEDED, job.state);
                assertEquals(1, job.attempts, "job " + id + " ran once");
                workers.add(job.workerId.substring(0, "it-a".length()));
                List<String> types = events.typesOf(id);
                assertEquals(1, Collections.frequency(types, "job.started"), id + ": " + types);
                assertEquals(1, Collections.frequency(types, "score.recorded"), id + ": " + types);
                assertEquals(1, Collections.frequency(types, "job.succeeded"), id + ": " + types);
            }
            assertEquals(Set.of("it-a", "it-b"), workers, "both workers took jobs");
            for (String model : modelIds) {
                assertEquals(1, given().queryParam("model", model).get("/api/scores").then().extract().jsonPath()
                        .getInt("count"));
            }
        }
    }
}
