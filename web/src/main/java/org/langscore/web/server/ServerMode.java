package org.langscore.web.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.langscore.spi.ScoringException;

/**
 * The system properties that {@code serve} and {@code worker} start the host with, set by
 * {@code LangscoreMain} before Quarkus starts:
 * <ul>
 *   <li>{@code serve}: HTTP on {@code --port} (default 8080); without {@code LANGSCORE_DB_URL} (or
 *   {@code quarkus.datasource.jdbc.url}) an embedded PostgreSQL is started with its data in the
 *   langscore home, and its URL is set;</li>
 *   <li>{@code worker}: no HTTP; it needs the shared database and queue of the servers it works for.</li>
 * </ul>
 * Properties already set on the command line ({@code -Dkey=value}) win over these.
 */
public final class ServerMode {
    private ServerMode() {
    }

    /** @return the properties for the command line, empty when the command is neither serve nor worker */
    public static Map<String, String> systemProperties(String[] args) {
        Map<String, String> properties = new LinkedHashMap<>();
        String command = firstCommand(args);
        switch (command) {
            case "serve" -> {
                properties.put("quarkus.http.host-enabled", "true");
                properties.put("quarkus.http.port", Integer.toString(port(args)));
                // Loopback unless the operator opens it (QUARKUS_HTTP_HOST=0.0.0.0 or -Dquarkus.http.host=...).
                if (System.getenv("QUARKUS_HTTP_HOST") == null) {
                    properties.put("quarkus.http.host", "127.0.0.1");
                }
                properties.put("quarkus.log.level", "INFO");
                if (!configured("LANGSCORE_DB_URL", "quarkus.datasource.jdbc.url")) {
                    try {
                        properties.putAll(EmbeddedDatabase.start().properties());
                    } catch (ScoringException e) {
                        // Quarkus has not started: this is the only place to report it in one line.
                        System.err.println("langscore: error: " + e.getMessage());
                        System.exit(1);
                    }
                }
            }
            case "worker" -> {
                properties.put("quarkus.http.host-enabled", "false");
                properties.put("quarkus.log.level", "INFO");
            }
            default -> {
                // Not a service command: nothing to add.
            }
        }
        return properties;
    }

    private static boolean configured(String environmentVariable, String property) {
        String fromEnvironment = System.getenv(environmentVariable);
        return fromEnvironment != null && !fromEnvironment.isBlank() || System.getProperty(property) != null;
    }

    static int port(String[] args) {
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            String value = null;
            if ((arg.equals("--port") || arg.equals("-p")) && i + 1 < list.size()) {
                value = list.get(i + 1);
            } else if (arg.startsWith("--port=")) {
                value = arg.substring("--port=".length());
            }
            if (value != null) {
                try {
                    return Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    // picocli reports the malformed value with the usage text.
                    return ServeCommand.DEFAULT_PORT;
                }
            }
        }
        return ServeCommand.DEFAULT_PORT;
    }

    private static String firstCommand(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }
}
