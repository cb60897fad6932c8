package org.langscore.web.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.langscore.web.fake.FakeModel;
import org.langscore.web.queue.JobQueue;
import org.langscore.web.service.PlatformRuntime;
import org.langscore.web.testing.Api;
import org.langscore.web.testing.PlatformServers;

/** The REST API against the real PostgreSQL and RabbitMQ: tokens on writes, problem documents, listings. */
@QuarkusTest
@QuarkusTestResource(PlatformServers.class)
class ApiIT {
    @Inject
    PlatformRuntime platform;

    @BeforeEach
    void start() {
        Api.configureJson();
        platform.start();
    }

    private static int count(String path) {
        return given().get(path).then().statusCode(200).extract().jsonPath().getInt("total");
    }

    private static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    @Test
    void writesWithoutAValidTokenGet401AndChangeNothing() throws Exception {
        Path folder = FakeModel.write(PlatformServers.modelsRoot().resolve("unauthorised-" + UUID.randomUUID()), 1, 0,
                false);
        int models = count("/api/models");
        int jobs = count("/api/jobs");

        json().body(Map.of("path", folder.toString())).post("/api/models").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"))
                .header("WWW-Authenticate", containsString("Bearer"));
        json().auth().oauth2("wrong-" + PlatformServers.TOKEN).body(Map.of("path", folder.toString()))
                .post("/api/models").then().statusCode(401).body("detail", containsString("not one of"));
        json().header("Authorization", "Basic " + PlatformServers.TOKEN).body(Map.of("path", folder.toString()))
                .post("/api/models").then().statusCode(401);
        json().body(Map.of("model", "*", "benchmarks", List.of("fake-reading"))).post("/api/evaluations").then()
                .statusCode(401);
        given().post("/api/jobs/" + UUID.randomUUID() + "/cancel").then().statusCode(401);
        given().post("/api/jobs/" + UUID.randomUUID() + "/retry").then().statusCode(401);

        assertEquals(models, count("/api/models"));
        assertEquals(jobs, count("/api/jobs"));
        given().queryParam("state", "QUEUED").get("/api/jobs").then().statusCode(200);
    }

    @Test
    void badRequestsGetProblemDocumentsNamingTheField() throws Exception {
        Path outside = PlatformServers.outsideRoot().resolve("model-" + UUID.randomUUID());
        FakeModel.write(outside, 1, 0, false);
        json().auth().oauth2(PlatformServers.TOKEN).body(Map.of("path", outside.toString())).post("/api/models").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("INVALID_ARGUMENT"))
                .body("field", equalTo("path")).body("detail", containsString("not under a configured model root"));
        json().auth().oauth2(PlatformServers.TOKEN).body(Map.of("hubRepository", "openai-community/gpt2"))
                .post("/api/models").then().statusCode(400).body("field", equalTo("revision"));
        json().auth().oauth2(PlatformServers.TOKEN).body(Map.of("path", "/x", "hubRepository", "a/b"))
                .post("/api/models").then().statusCode(400).body("field", equalTo("hubRepository"))
                .body("detail", containsString("exactly one of"));
        json().auth().oauth2(PlatformServers.TOKEN).body("{\"path\": ").post("/api/models").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_JSON"));

        Path empty = Files.createDirectories(PlatformServers.modelsRoot().resolve("not-a-model-" + UUID.randomUUID()));
        json().auth().oauth2(PlatformServers.TOKEN).body(Map.of("path", empty.toString())).post("/api/models").then()
                .statusCode(400).body("field", equalTo("path")).body("detail", containsString("no subject plugin"));

        long modelId = Api.register(FakeModel.write(PlatformServers.modelsRoot().resolve("api-" + UUID.randomUUID()),
                1, 0, false));
        Api.submit(Map.of("model", Long.toString(modelId), "benchmarks", List.of("fake-reading", "no-such-benchmark")))
                .then().statusCode(400).body("code", equalTo("UNKNOWN_BENCHMARK"))
                .body("field", equalTo("benchmarks[1]")).body("detail", containsString("no-such-benchmark"));
        Api.submit(Map.of("model", "no-such-model", "benchmarks", List.of("fake-reading"))).then().statusCode(400)
                .body("code", equalTo("UNKNOWN_MODEL")).body("field", equalTo("model"));
        Api.submit(Map.of("model", Long.toString(modelId), "benchmarks", List.of("fake-reading"), "dtype", "float16"))
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("INVALID_ARGUMENT"))
                .body("field", equalTo("dtype")).body("detail", containsString("float16"));
        String reduced = Api.submit(Map.of("model", Long.toString(modelId), "benchmarks", List.of("fake-reading"),
                "dtype", "bfloat16")).then().statusCode(202).body("jobs[0].dtype", equalTo("bfloat16"))
                .extract().path("jobs[0].id");
        String full = Api.submit(Map.of("model", Long.toString(modelId), "benchmarks", List.of("fake-reading")))
                .then().statusCode(202).body("jobs[0].dtype", equalTo("float32")).extract().path("jobs[0].id");
        assertNotEquals(reduced, full, "a bfloat16 job and a float32 job of the same key are two jobs");
        given().get("/api/jobs/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        given().get("/api/models/999999999").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().queryParam("state", "DONE").get("/api/jobs").then().statusCode(400).body("field", equalTo("state"));
    }

    @Test
    void modelsRegisterOnceAndBenchmarksListTheirTreeAndCeilings() throws Exception {
        Path folder = FakeModel.write(PlatformServers.modelsRoot().resolve("once-" + UUID.randomUUID()), 1, 0, false);
        long id = Api.register(folder);
        json().auth().oauth2(PlatformServers.TOKEN).body(Map.of("path", folder.toString())).post("/api/models").then()
                .statusCode(200).body("id", equalTo((int) id));
        given().get("/api/models/" + id).then().statusCode(200).body("sourceKind", equalTo("LOCAL"))
                .body("source", equalTo(folder.toRealPath().toString()));
        json().auth().oauth2(PlatformServers.TOKEN)
                .body(Map.of("identifier", folder.getFileName().toString(), "hubRepository", "openai-community/gpt2",
                        "revision", "main"))
                .post("/api/models").then().statusCode(409).body("field", equalTo("identifier"));

        given().get("/api/benchmarks").then().statusCode(200)
                .body("benchmarks.find { it.identifier == 'fake-reading' }.ceiling", equalTo(0.05))
                .body("benchmarks.find { it.identifier == 'fake-engineering' }.ceiling", equalTo(null))
                .body("tree.find { it.parent == 'behavior' }.children", hasItem("fake-reading"))
                .body("tree.find { it.parent == 'engineering' }.engineering", equalTo(true));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/leaderboard"));
        given().get("/q/health").then().statusCode(200);
    }

    @Test
    void jobsCanBeCancelledAndRetried() throws Exception {
        long modelId = Api.register(FakeModel.write(
                PlatformServers.modelsRoot().resolve("cancel-" + UUID.randomUUID()), 1, 0, false));
        String jobId = Api.submit(Map.of("model", Long.toString(modelId), "benchmarks", List.of("fake-reading")))
                .then().statusCode(202).extract().jsonPath().getString("jobs[0].id");
        assertEquals("QUEUED", Api.state(jobId));
        given().auth().oauth2(PlatformServers.TOKEN).post("/api/jobs/" + jobId + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED"));
        given().auth().oauth2(PlatformServers.TOKEN).post("/api/jobs/" + jobId + "/cancel").then().statusCode(409)
                .body("field", equalTo("state"));
        given().auth().oauth2(PlatformServers.TOKEN).post("/api/jobs/" + jobId + "/retry").then().statusCode(200)
                .body("state", equalTo("QUEUED")).body("attempts", equalTo(0));
        try (JobQueue.Consumers worker = platform.startWorker("it-api", 1)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Api.state(jobId).equals("SUCCEEDED"));
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("langscore_jobs_total{outcome=\"succeeded\""));
        given().queryParam("state", "succeeded").queryParam("model", modelId).get("/api/jobs").then().statusCode(200)
                .body("count", equalTo(1));
    }

    /** Issue 14: list endpoints were unbounded. */
    @Test
    void listsAnswerOnePageWithTheTotal() throws Exception {
        long modelId = Api.register(FakeModel.write(
                PlatformServers.modelsRoot().resolve("paged-" + UUID.randomUUID()), 1, 0, false));
        List<String> jobIds = Api.submit(Map.of("model", Long.toString(modelId),
                "benchmarks", List.of("fake-reading", "fake-engineering"))).then().statusCode(202).extract()
                .jsonPath().getList("jobs.id");
        assertEquals(2, jobIds.size());

        var first = given().queryParam("limit", 1).get("/api/jobs").then().statusCode(200).extract().jsonPath();
        assertEquals(1, first.getList("items").size());
        assertEquals(1, first.getInt("count"));
        assertEquals(1, first.getInt("limit"));
        assertTrue(first.getLong("total") >= 2, "total " + first.getLong("total"));
        var second = given().queryParam("limit", 1).queryParam("offset", 1).get("/api/jobs").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, second.getList("items").size());
        assertTrue(!first.getString("items[0].id").equals(second.getString("items[0].id")), "the next page");
        given().queryParam("model", modelId).queryParam("limit", 1).get("/api/jobs").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("total", equalTo(2));
        given().queryParam("limit", 1).get("/api/models").then().statusCode(200).body("items.size()", equalTo(1));
        given().queryParam("limit", 0).get("/api/jobs").then().statusCode(400).body("field", equalTo("limit"));
        given().queryParam("limit", "many").get("/api/scores").then().statusCode(400).body("field", equalTo("limit"));
        given().queryParam("offset", -1).get("/api/models").then().statusCode(400).body("field", equalTo("offset"));

        for (String id : jobIds) {
            given().auth().oauth2(PlatformServers.TOKEN).post("/api/jobs/" + id + "/cancel").then().statusCode(200);
        }
    }

    /** Issue 14: models registered by path showed no architecture, parameter count or dtype. */
    @Test
    void aModelRegisteredByPathGetsItsArchitectureSizeAndDtypeFromItsFiles() throws Exception {
        Path folder = Files.createDirectories(PlatformServers.modelsRoot().resolve("described-" + UUID.randomUUID()));
        Path fixture = org.langscore.testing.SharedData.fixture("gpt2-realtok-0");
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(fixture.resolve(file), folder.resolve(file));
        }
        long id = Api.register(folder);
        given().get("/api/models/" + id).then().statusCode(200).body("architecture", equalTo("gpt2"))
                .body("parameterCount", equalTo(3_320_640)).body("dtype", equalTo("float16"));
    }
}
