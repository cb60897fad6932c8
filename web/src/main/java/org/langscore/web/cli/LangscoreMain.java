package org.langscore.web.cli;

import java.util.Map;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point of the application. It decides per command which parts of the host start (the
 * command-line commands open no port), turns off every library's telemetry, then hands over to
 * Quarkus, which runs {@link LangscoreApplication}.
 */
@QuarkusMain
public final class LangscoreMain {
    private LangscoreMain() {
    }

    public static void main(String... args) {
        for (Map.Entry<String, String> property : RunMode.systemProperties(args).entrySet()) {
            if (System.getProperty(property.getKey()) == null) {
                System.setProperty(property.getKey(), property.getValue());
            }
        }
        Quarkus.run(LangscoreApplication.class, args);
    }
}
