package org.langscore.web.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the tests at the real PostgreSQL and RabbitMQ of this machine (loopback), in a database and
 * exchange/queue names of their own, and removes both afterwards. The database is created through
 * JDBC on the {@code postgres} database (trust authentication, user postgres).
 */
public class PlatformServers implements QuarkusTestResourceLifecycleManager {
    /** The API token the tests write with. */
    public static final String TOKEN = "it-token-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    /** The RabbitMQ URL of the tests. */
    public static final String AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/%2F";
    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private static final String SUFFIX = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    /** The database of this run. */
    public static final String DATABASE = "langscore_it_" + SUFFIX;
    /** The prefix of this run's exchanges and queues. */
    public static final String PREFIX = "langscore-it-" + SUFFIX;
    /** The JDBC URL of this run's database. */
    public static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;

    private static Path base;

    /** @return the folder under which the tests' models may be registered */
    public static Path modelsRoot() {
        return base.resolve("models");
    }

    /** @return a folder outside every model root */
    public static Path outsideRoot() {
        return base.resolve("outside");
    }

    /**
     * Ends every server process connected to this run's database (and only to it), as a PostgreSQL
     * restart would for the application.
     *
     * @return how many connections were ended
     */
    public static int terminateConnections() {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement statement = admin.createStatement();
             java.sql.ResultSet ended = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                     + " FROM pg_stat_activity WHERE datname = '" + DATABASE + "' AND pid <> pg_backend_pid()")) {
            ended.next();
            return ended.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the connections to " + DATABASE, e);
        }
    }

    @Override
    public Map<String, String> start() {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database on 127.0.0.1:5432 (is PostgreSQL up?)", e);
        }
        try {
            base = Files.createTempDirectory("langscore-it-");
            Files.createDirectories(modelsRoot());
            Files.createDirectories(outsideRoot());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", JDBC_URL);
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.http.test-port", "0");
        config.put("langscore.amqp.url", AMQP_URL);
        config.put("langscore.amqp.prefix", PREFIX);
        config.put("langscore.api.tokens", TOKEN);
        config.put("langscore.models.roots", modelsRoot().toString());
        config.put("langscore.worker.lease", "PT2S");
        config.put("langscore.worker.heartbeat", "PT0.2S");
        config.put("langscore.worker.max-attempts", "3");
        config.put("langscore.queue.sweep-interval", "PT0.5S");
        return config;
    }

    @Override
    public void stop() {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(AMQP_URL);
            try (com.rabbitmq.client.Connection connection = factory.newConnection("langscore-it-cleanup");
                 Channel channel = connection.createChannel()) {
                for (String queue : new String[] {PREFIX + ".jobs", PREFIX + ".jobs.dead"}) {
                    channel.queueDelete(queue);
                }
                for (String exchange : new String[] {PREFIX + ".jobs", PREFIX + ".jobs.dead", PREFIX + ".events"}) {
                    channel.exchangeDelete(exchange);
                }
            }
        } catch (IOException | TimeoutException | java.net.URISyntaxException
                 | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot remove the test exchanges and queues " + PREFIX + ".*", e);
        }
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + DATABASE, e);
        }
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove the test folder " + base, e);
        }
    }
}
