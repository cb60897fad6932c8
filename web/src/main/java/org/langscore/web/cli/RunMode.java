package org.langscore.web.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system properties each command starts the host with. Command-line commands run without a web
 * server; every run turns off DJL's telemetry and downloads before DJL is first touched.
 */
public final class RunMode {
    /** Commands that run the service (HTTP and/or queue consumers). */
    static final List<String> SERVICE_COMMANDS = List.of("serve", "worker");

    private RunMode() {
    }

    /** @return the properties to set before Quarkus starts, for these command-line arguments */
    public static Map<String, String> systemProperties(String[] args) {
        Map<String, String> properties = new LinkedHashMap<>();
        // DJL calls home and downloads natives unless told not to, before its Engine class loads.
        properties.put("OPT_OUT_TRACKING", "true");
        properties.put("ai.djl.offline", "true");
        properties.put("ai.djl.default_engine", "PyTorch");
        String command = firstCommand(args);
        boolean verbose = List.of(args).contains("--verbose") || List.of(args).contains("-v");
        if (!SERVICE_COMMANDS.contains(command)) {
            if (hasHttpServer()) {
                properties.put("quarkus.http.host-enabled", "false");
            }
            properties.put("quarkus.log.level", verbose ? "INFO" : "WARN");
            // The command line needs no database: nothing connects at start-up.
            properties.put("quarkus.datasource.active", "false");
            properties.put("quarkus.hibernate-orm.active", "false");
            properties.put("quarkus.flyway.active", "false");
        } else {
            properties.putAll(org.langscore.web.server.ServerMode.systemProperties(args));
        }
        return properties;
    }

    private static boolean hasHttpServer() {
        return RunMode.class.getClassLoader().getResource("io/quarkus/vertx/http/runtime/VertxHttpRecorder.class") != null;
    }

    static String firstCommand(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }
}
