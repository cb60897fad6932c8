package org.langscore.web.pages;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A database of the pages' own on the machine's PostgreSQL (127.0.0.1:5432, user postgres), made
 * empty before the tests and dropped after them, so that the tests see only what they seed.
 */
public final class PagesDatabase implements QuarkusTestResourceLifecycleManager {
    static final String NAME = "langscore_pages_it";
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @Override
    public Map<String, String> start() {
        execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)", "CREATE DATABASE " + NAME);
        return Map.of("quarkus.datasource.jdbc.url", SERVER + NAME, "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
    }

    private static void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the pages' tests need PostgreSQL on 127.0.0.1:5432 (user postgres): " + e.getMessage(), e);
        }
    }
}
