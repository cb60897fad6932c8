package org.langscore.web.testing;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;

/** Calls of the REST API that the integration tests share. */
public final class Api {
    private Api() {
    }

    /** Makes JSON numbers with a fraction doubles (not floats), so that values compare at full precision. */
    public static void configureJson() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** Registers a local model with the test token; returns its id. */
    public static long register(Path folder) {
        return given().contentType(ContentType.JSON).auth().oauth2(PlatformServers.TOKEN)
                .body(Map.of("path", folder.toString()))
                .post("/api/models").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Submits an evaluation with the test token. */
    public static Response submit(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).auth().oauth2(PlatformServers.TOKEN).body(request)
                .post("/api/evaluations");
    }

    /** @return a job's state */
    public static String state(String jobId) {
        return given().get("/api/jobs/" + jobId).then().statusCode(200).extract().jsonPath().getString("state");
    }
}
