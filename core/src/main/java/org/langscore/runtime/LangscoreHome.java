package org.langscore.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * The langscore home directory and its parts: {@code $LANGSCORE_HOME}, else {@code ~/.langscore}.
 *
 * @param root the home directory
 */
public record LangscoreHome(Path root) {

    /** @return the home from the environment ({@code LANGSCORE_HOME}) or {@code ~/.langscore} */
    public static LangscoreHome fromEnvironment(Map<String, String> environment) {
        String configured = environment.get("LANGSCORE_HOME");
        if (configured != null && !configured.isBlank()) {
            return new LangscoreHome(Path.of(configured).toAbsolutePath());
        }
        return new LangscoreHome(Path.of(System.getProperty("user.home"), ".langscore"));
    }

    /** @return where contributors' plugin jars are loaded from */
    public Path plugins() {
        return root.resolve("plugins");
    }

    /** @return where downloaded data sets and models are cached */
    public Path cache() {
        return root.resolve("cache");
    }

    /** @return where checkpoints of running evaluations are kept */
    public Path checkpoints() {
        return root.resolve("checkpoints");
    }
}
