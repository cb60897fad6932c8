package org.langscore.web.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V4 renames the attribute names that scores stored before issue 14 carry (Futrell2018's data-source,
 * data-location, ceiling-source, and ceiling-note on its story sub-scores), keeping their values, on a
 * database of its own migrated to V3 first, as an earlier langscore left it.
 */
class ScoreAttributeNamesMigrationIT {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final String database = "langscore_v4_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    @BeforeEach
    void createDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "")
                .locations("classpath:db/migration").target(target).load();
    }

    @Test
    void oldNamesBecomeTheOneStyleAndEverythingElseStays() throws Exception {
        flyway("3").migrate();
        String url = "jdbc:postgresql://127.0.0.1:5432/" + database;
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO models (identifier, source_kind, source, registered_at)"
                    + " VALUES ('gpt2', 'LOCAL', '/models/gpt2', now())");
            statement.execute("""
                    INSERT INTO scores (model_id, benchmark, benchmark_version, policy, langscore_version, started_at,
                                        finished_at, attributes, sub_scores)
                    VALUES (1, 'Futrell2018-pearsonr-story', 1, 'default', '0.1.0', now(), now(),
                            '{"data-source": "languageMIT/naturalstories", "data-location": "/data",
                              "ceiling-source": "published", "scored-words": "9775", "subject.chunk": "512"}',
                            '[{"benchmark": "story-1", "attributes": {"story": "1", "ceiling-note": "corpus-wide"},
                               "subScores": []},
                              {"benchmark": "story-2", "attributes": {"story": "2"}, "subScores": []}]'),
                           (1, 'syntaxgym-cleft', 1, 'default', '0.1.0', now(), now(),
                            '{"data.source": "cleft.json", "suite": "cleft"}', '[]')
                    """);
        }
        flyway("latest").migrate();
        ObjectMapper json = new ObjectMapper();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT attributes::text, sub_scores::text FROM scores ORDER BY id")) {
            rows.next();
            assertEquals(json.readTree("""
                    {"data.source": "languageMIT/naturalstories", "data.location": "/data", "ceiling.source": "published",
                     "scored-words": "9775", "subject.chunk": "512"}"""), json.readTree(rows.getString(1)));
            JsonNode subScores = json.readTree(rows.getString(2));
            assertEquals(json.readTree("""
                    [{"benchmark": "story-1", "attributes": {"story": "1", "ceiling.note": "corpus-wide"}, "subScores": []},
                     {"benchmark": "story-2", "attributes": {"story": "2"}, "subScores": []}]"""), subScores,
                    "sub-scores keep their order and fields; only the name changes");
            rows.next();
            assertEquals(json.readTree("{\"data.source\": \"cleft.json\", \"suite\": \"cleft\"}"),
                    json.readTree(rows.getString(1)));
            assertEquals(json.readTree("[]"), json.readTree(rows.getString(2)));
        }
    }
}
