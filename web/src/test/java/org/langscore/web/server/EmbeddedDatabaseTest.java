package org.langscore.web.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The embedded PostgreSQL started the way {@code serve} starts it, as whatever user runs the tests (root
 * on this machine and in CI, where it must leave root to run at all): it answers queries on 127.0.0.1,
 * keeps its data private and keeps them across a restart.
 */
class EmbeddedDatabaseTest {
    @Test
    void startsAnswersOnLoopbackAndKeepsItsDataAcrossARestart() throws Exception {
        Path root = Path.of("target", "embedded-postgres-" + UUID.randomUUID()).toAbsolutePath();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(root)) {
            assertTrue(database.jdbcUrl().startsWith("jdbc:postgresql://127.0.0.1:"), database.jdbcUrl());
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", database.password());
                    Statement statement = connection.createStatement()) {
                assertEquals("127.0.0.1", single(statement, "SHOW listen_addresses"));
                assertEquals("", single(statement, "SHOW unix_socket_directories"));
                assertEquals("4", single(statement, "SELECT 2 + 2"));
                statement.execute("CREATE TABLE kept (word text)");
                statement.execute("INSERT INTO kept VALUES ('surprisal')");
            }
        }
        Path data = root.resolve("data");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        if (EmbeddedDatabase.runsAsRoot()) {
            // Left root inside a user namespace only: on disk the files are still root's.
            assertEquals(0, ((Number) Files.getAttribute(data.resolve("PG_VERSION"), "unix:uid")).intValue());
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(root);
                Connection connection = DriverManager.getConnection(again.jdbcUrl(), "postgres", again.password());
                Statement statement = connection.createStatement()) {
            assertEquals("surprisal", single(statement, "SELECT word FROM kept"));
        }
    }

    /** Issue 14: the embedded server trusted every local connection, so any local user was superuser. */
    @Test
    void connectingWithoutThePasswordIsRefused() throws Exception {
        Path root = Path.of("target", "embedded-postgres-" + UUID.randomUUID()).toAbsolutePath();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(root)) {
            Path passwordFile = root.resolve(EmbeddedDatabase.PASSWORD_FILE);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            assertEquals(database.password(), Files.readString(passwordFile).strip());
            assertTrue(database.password().length() >= 40, "a long random password");
            for (String wrong : List.of("", "postgres", "wrong")) {
                java.sql.SQLException refused = assertThrows(java.sql.SQLException.class,
                        () -> DriverManager.getConnection(database.jdbcUrl(), "postgres", wrong).close());
                assertTrue(refused.getMessage().contains("password"), "'" + wrong + "': " + refused.getMessage());
            }
            assertEquals(database.password(), database.properties().get("quarkus.datasource.password"));
            // psql -h 127.0.0.1 -p <port> -U postgres without a password (-w: never prompt) is refused.
            ProcessBuilder psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", Integer.toString(database.port()),
                    "-U", "postgres", "-w", "-c", "SELECT 1").redirectErrorStream(true);
            psql.environment().remove("PGPASSWORD");
            psql.environment().put("PGPASSFILE", "/dev/null");
            Process process = psql.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(2, process.waitFor(), output);
            assertTrue(output.contains("password"), output);
        }
    }

    @Test
    void withoutUserNamespacesRootIsToldToRunAsAUserOrToSetTheDatabaseUrl() {
        EmbeddedDatabase.requireUserNamespaces(List.of("sh", "-c", "echo 65534"));
        for (List<String> probe : List.of(List.of("sh", "-c", "echo 'unshare: Operation not permitted'; exit 1"),
                List.of("sh", "-c", "echo 0"), List.of("/nonexistent/unshare"))) {
            ScoringException error = assertThrows(ScoringException.class,
                    () -> EmbeddedDatabase.requireUserNamespaces(probe));
            assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
            assertTrue(error.getMessage().contains("cannot run as root")
                    && error.getMessage().contains("set LANGSCORE_DB_URL"), error.getMessage());
        }
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next(), sql);
            String value = result.getString(1);
            assertTrue(!result.next(), sql + " gives one row");
            return value;
        }
    }
}
